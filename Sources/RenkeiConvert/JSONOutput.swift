/// Writes JSON text byte by byte (RFC 8259): the converter's hot path, so values go straight
/// into the output buffer without building a document first.
enum JSONOutput {
  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  /// A JSON string: quotes, backslashes and control characters escaped, everything else (all of
  /// Japanese text included) copied as UTF-8.
  @inline(__always)
  static func string<Sink: ByteSink>(_ text: String, into out: inout Sink) {
    out.appendByte(0x22)
    stringContent(text, into: &out)
    out.appendByte(0x22)
  }

  /// The inside of a JSON string, without its quotes.
  @inline(__always)
  static func stringContent<Sink: ByteSink>(_ text: String, into out: inout Sink) {
    var text = text
    text.withUTF8 { stringContent($0, into: &out) }
  }

  static func stringContent<Sink: ByteSink>(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout Sink) {
    var plainStart = 0
    for index in 0..<bytes.count {
      let byte = bytes[index]
      guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
      if plainStart < index { out.appendBytes(UnsafeBufferPointer(rebasing: bytes[plainStart..<index])) }
      plainStart = index + 1
      out.appendByte(0x5C)
      switch byte {
      case 0x22, 0x5C: out.appendByte(byte)
      case 0x0A: out.appendByte(UInt8(ascii: "n"))
      case 0x0D: out.appendByte(UInt8(ascii: "r"))
      case 0x09: out.appendByte(UInt8(ascii: "t"))
      case 0x08: out.appendByte(UInt8(ascii: "b"))
      case 0x0C: out.appendByte(UInt8(ascii: "f"))
      default:
        for escaped in [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]] {
          out.appendByte(escaped)
        }
      }
    }
    if plainStart < bytes.count { out.appendBytes(UnsafeBufferPointer(rebasing: bytes[plainStart...])) }
  }

  /// `"name":`
  @inline(__always)
  static func key(_ name: String, into out: inout [UInt8]) {
    string(name, into: &out)
    out.append(0x3A)
  }

  @inline(__always)
  static func raw<Sink: ByteSink>(_ text: StaticString, into out: inout Sink) {
    text.withUTF8Buffer { out.appendBytes($0) }
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
  static func point<Sink: ByteSink>(longitude: String, latitude: String, into out: inout Sink) {
    raw("{\"type\":\"Point\",\"coordinates\":[", into: &out)
    utf8(longitude, into: &out)
    out.appendByte(0x2C)
    utf8(latitude, into: &out)
    raw("]}", into: &out)
  }

  /// A string's UTF-8 as it is (a lexeme, or text already escaped).
  @inline(__always)
  static func utf8<Sink: ByteSink>(_ text: String, into out: inout Sink) {
    var text = text
    text.withUTF8 { out.appendBytes($0) }
  }
}
