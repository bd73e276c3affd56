import RenkeiCore

/// Reads coordinates as Doubles straight from the document's bytes. GeoJSON is mostly numbers,
/// and `JSONValue.number` makes a String of each one first; this reads the common lexemes
/// (at most 18 significant digits, no exponent) without one, exactly.
enum GeoJSONNumber {
  /// Powers of ten that a Double holds exactly (up to 10^22).
  private static let powers: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// The value of a number, or nil for anything else.
  static func double(_ value: JSONValue) -> Double? {
    let entry = value.document.tape[value.index]
    guard entry.tag == .number else { return nil }
    return double(entry, in: value.document)
  }

  /// The value of the number tape entry `entry` of `document`.
  static func double(_ entry: TapeEntry, in document: JSONDocument) -> Double {
    let start = Int(entry.offset)
    let end = start + Int(entry.extent)
    return document.storage.withUnsafeBufferPointer { bytes -> Double in
      var i = start
      let negative = i < end && bytes[i] == UInt8(ascii: "-")
      if negative { i += 1 }
      var mantissa: UInt64 = 0
      var scale = 0
      var inFraction = false
      var fast = true
      while i < end {
        let byte = bytes[i]
        if byte == UInt8(ascii: ".") {
          inFraction = true
        } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") && mantissa < 100_000_000_000_000_000 {
          mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
          if inFraction { scale += 1 }
        } else {
          // More than 18 digits, or an exponent: left to the exact general parser.
          fast = false
          break
        }
        i += 1
      }
      // An integer up to 2^53 and a power of ten up to 10^22 are both exact, so one IEEE
      // division gives the correctly rounded result, as strtod would.
      if fast && mantissa <= 1 << 53 && scale < powers.count {
        let magnitude = Double(mantissa) / powers[scale]
        return negative ? -magnitude : magnitude
      }
      let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
      return Double(text) ?? .nan
    }
  }
}
