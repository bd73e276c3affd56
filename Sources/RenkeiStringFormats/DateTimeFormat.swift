/// `date-time`: RFC 3339 §5.6 `date-time` (JSON Schema 2020-12 Validation §7.3.1).
enum DateTimeFormat {
  static func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in
      guard bytes.count > RFC3339.fullDateLength, RFC3339.isFullDate(bytes, at: 0) else { return false }
      let separator = bytes[RFC3339.fullDateLength]
      guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") else { return false }
      return RFC3339.isFullTime(bytes, at: RFC3339.fullDateLength + 1)
    }
  }
}
