/// UTF-8 decoding in both directions over a buffer that is known to be valid UTF-8 (it comes
/// from a Swift `String`). Matching on UTF-8 avoids copying the input into a scalar array, and
/// the match positions are byte offsets that always fall on scalar boundaries.
enum UTF8Scan {
  /// The scalar starting at `position` and the offset just past it.
  @inline(__always)
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (UInt32, Int) {
    let lead = UInt32(bytes[position])
    if lead < 0x80 { return (lead, position + 1) }
    if lead < 0xE0 {
      return ((lead & 0x1F) << 6 | UInt32(bytes[position + 1] & 0x3F), position + 2)
    }
    if lead < 0xF0 {
      return (
        (lead & 0x0F) << 12 | UInt32(bytes[position + 1] & 0x3F) << 6 | UInt32(bytes[position + 2] & 0x3F),
        position + 3
      )
    }
    let value =
      (lead & 0x07) << 18 | UInt32(bytes[position + 1] & 0x3F) << 12 | UInt32(bytes[position + 2] & 0x3F) << 6
      | UInt32(bytes[position + 3] & 0x3F)
    return (value, position + 4)
  }

  /// The scalar ending just before `position` and the offset where it starts.
  @inline(__always)
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> (UInt32, Int) {
    let last = bytes[position - 1]
    if last < 0x80 { return (UInt32(last), position - 1) }
    var start = position - 1
    while bytes[start] & 0xC0 == 0x80 { start -= 1 }
    return (decode(bytes, at: start).0, start)
  }

  /// The offset of the scalar boundary after `position`.
  @inline(__always)
  static func next(_ bytes: UnsafeBufferPointer<UInt8>, after position: Int) -> Int {
    let lead = bytes[position]
    if lead < 0x80 { return position + 1 }
    if lead < 0xE0 { return position + 2 }
    return lead < 0xF0 ? position + 3 : position + 4
  }

  /// The offset of the scalar boundary before `position`.
  @inline(__always)
  static func previous(_ bytes: UnsafeBufferPointer<UInt8>, before position: Int) -> Int {
    var start = position - 1
    while bytes[start] & 0xC0 == 0x80 { start -= 1 }
    return start
  }

  /// The first UTF-8 byte of a code point's encoding (surrogates get the lead byte they would
  /// have in generalized UTF-8; they never occur in a `String`).
  static func leadByte(of codePoint: UInt32) -> UInt8 {
    switch codePoint {
    case ..<0x80: UInt8(codePoint)
    case ..<0x800: UInt8(0xC0 | codePoint >> 6)
    case ..<0x10000: UInt8(0xE0 | codePoint >> 12)
    default: UInt8(0xF0 | codePoint >> 18)
    }
  }

  static func encode(_ codePoint: UInt32, into bytes: inout [UInt8]) {
    guard let scalar = Unicode.Scalar(codePoint) else { return }
    bytes.append(contentsOf: UTF8.encode(scalar)!)
  }
}
