/// Writes JSON text byte by byte (RFC 8259): the converter's hot path, so values go straight
/// into the output buffer without building a document first.
enum JSONOutput {
  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  /// A JSON string: quotes, backslashes and control characters escaped, everything else (all of
  /// Japanese text included) copied as UTF-8.
  @inline(__always)
  static func string(_ text: String, into out: inout [UInt8]) {
    out.append(0x22)
    stringContent(text, into: &out)
    out.append(0x22)
  }

  /// The inside of a JSON string, without its quotes.
  @inline(__always)
  static func stringContent(_ text: String, into out: inout [UInt8]) {
    var text = text
    text.withUTF8 { stringContent($0, into: &out) }
  }

  static func stringContent(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    var plainStart = 0
    for index in 0..<bytes.count {
      let byte = bytes[index]
      guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
      if plainStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<index])) }
      plainStart = index + 1
      out.append(0x5C)
      switch byte {
      case 0x22, 0x5C: out.append(byte)
      case 0x0A: out.append(UInt8(ascii: "n"))
      case 0x0D: out.append(UInt8(ascii: "r"))
      case 0x09: out.append(UInt8(ascii: "t"))
      case 0x08: out.append(UInt8(ascii: "b"))
      case 0x0C: out.append(UInt8(ascii: "f"))
      default:
        out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
      }
    }
    if plainStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart...])) }
  }

  /// `"name":`
  @inline(__always)
  static func key(_ name: String, into out: inout [UInt8]) {
    string(name, into: &out)
    out.append(0x3A)
  }

  @inline(__always)
  static func raw(_ text: StaticString, into out: inout [UInt8]) {
    text.withUTF8Buffer { out.append(contentsOf: $0) }
  }

  static func value(_ value: AttributeValue, into out: inout [UInt8]) {
    switch value {
    case .text(let text): string(text, into: &out)
    case .number(let lexeme): out.append(contentsOf: lexeme.utf8)
    case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
    case .list(let values):
      out.append(0x5B)
      for (index, element) in values.enumerated() {
        if index > 0 { out.append(0x2C) }
        self.value(element, into: &out)
      }
      out.append(0x5D)
    case .object(let members):
      out.append(0x7B)
      for (index, member) in members.enumerated() {
        if index > 0 { out.append(0x2C) }
        key(member.name, into: &out)
        self.value(member.value, into: &out)
      }
      out.append(0x7D)
    case .point(let longitude, let latitude): point(longitude: longitude, latitude: latitude, into: &out)
    }
  }

  /// A GeoJSON Point from two number lexemes, longitude first.
  static func point(longitude: String, latitude: String, into out: inout [UInt8]) {
    raw("{\"type\":\"Point\",\"coordinates\":[", into: &out)
    out.append(contentsOf: longitude.utf8)
    out.append(0x2C)
    out.append(contentsOf: latitude.utf8)
    raw("]}", into: &out)
  }
}
