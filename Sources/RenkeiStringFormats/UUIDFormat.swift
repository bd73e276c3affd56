/// `uuid` (JSON Schema 2020-12 Validation §7.3.5): the string representation of RFC 4122 §3,
/// `time-low "-" time-mid "-" time-high-and-version "-" clock-seq-and-reserved clock-seq-low "-" node`, i.e.
/// 8-4-4-4-12 hexadecimal digits in either case. Any version and variant nibble is accepted: the grammar
/// does not constrain them.
enum UUIDFormat {
  static func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in
      guard bytes.count == 36 else { return false }
      for (index, byte) in bytes.enumerated() {
        switch index {
        case 8, 13, 18, 23: guard byte == UInt8(ascii: "-") else { return false }
        default: guard ASCII.isHexDigit(byte) else { return false }
        }
      }
      return true
    }
  }
}
