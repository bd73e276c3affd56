/// Byte-level helpers shared by the hand-written scanners. Validators work on a string's UTF-8 bytes; a Swift
/// `String` always holds well-formed UTF-8, so decoding needs no error handling.
enum ASCII {
  @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

  /// `ALPHA` of RFC 5234 Appendix B.1.
  @inline(__always) static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

  /// `HEXDIG` of RFC 5234 Appendix B.1 (ABNF strings are case-insensitive, so `a`-`f` count too).
  @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool {
    byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 6
  }

  @inline(__always) static func isLetterOrDigit(_ byte: UInt8) -> Bool { isAlpha(byte) || isDigit(byte) }

  @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 {
    byte &- 0x41 < 26 ? byte | 0x20 : byte
  }

  /// The value of the two decimal digits at `bytes[index]` and `bytes[index + 1]`, or nil.
  @inline(__always) static func twoDigits(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
    let high = bytes[index] &- 0x30
    let low = bytes[index + 1] &- 0x30
    guard high < 10, low < 10 else { return nil }
    return Int(high) * 10 + Int(low)
  }
}

extension String {
  /// Calls `body` with the string's UTF-8 bytes in contiguous memory (copying only for bridged strings).
  @inline(__always) func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = self
    return copy.withUTF8(body)
  }
}

extension UnsafeBufferPointer<UInt8> {
  /// Decodes the Unicode scalar whose UTF-8 encoding starts at `index` (which must be a scalar boundary of
  /// well-formed UTF-8): its value and its length in bytes.
  @inline(__always) func scalar(at index: Int) -> (value: UInt32, length: Int) {
    let lead = UInt32(self[index])
    if lead < 0x80 { return (lead, 1) }
    if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(self[index + 1] & 0x3F), 2) }
    if lead < 0xF0 {
      return ((lead & 0x0F) << 12 | UInt32(self[index + 1] & 0x3F) << 6 | UInt32(self[index + 2] & 0x3F), 3)
    }
    let value =
      (lead & 0x07) << 18 | UInt32(self[index + 1] & 0x3F) << 12 | UInt32(self[index + 2] & 0x3F) << 6
      | UInt32(self[index + 3] & 0x3F)
    return (value, 4)
  }

  /// Whether `bytes[index...]` starts with `"%" HEXDIG HEXDIG` (`pct-encoded`, RFC 3986 §2.1).
  @inline(__always) func hasPercentEncoding(at index: Int, end: Int) -> Bool {
    index + 2 < end && self[index] == UInt8(ascii: "%") && ASCII.isHexDigit(self[index + 1])
      && ASCII.isHexDigit(self[index + 2])
  }
}
