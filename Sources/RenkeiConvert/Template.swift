/// Text with `{column}` placeholders, e.g. `urn:ngsi-ld:AED:{都道府県コード又は市区町村コード}:{NO}`.
/// `{column|uri}` percent-encodes the value (RFC 3986 §2.1) so any text can be part of an id;
/// `{{` and `}}` stand for literal braces.
public struct Template: Sendable, Equatable {
  public enum Part: Sendable, Equatable {
    case literal(String)
    case column(String)
    /// A column whose value is percent-encoded (`{名称|uri}`).
    case encodedColumn(String)
  }

  public let parts: [Part]
  public let source: String

  public struct SyntaxError: Error, Sendable, CustomStringConvertible {
    public let template: String
    public let reason: String
    public var description: String { "template \"\(template)\": \(reason)" }
  }

  public init(_ source: String) throws(SyntaxError) {
    self.source = source
    var parts: [Part] = []
    var literal = ""
    var characters = Array(source)[...]
    while let character = characters.popFirst() {
      if character == "{" {
        if characters.first == "{" {
          characters.removeFirst()
          literal.append("{")
          continue
        }
        guard let close = characters.firstIndex(of: "}") else {
          throw SyntaxError(template: source, reason: "a \"{\" is never closed")
        }
        var name = String(characters[..<close])
        var encoded = false
        if name.hasSuffix("|uri") {
          name.removeLast(4)
          encoded = true
        } else if name.contains("|") {
          throw SyntaxError(template: source, reason: "unknown filter in {\(name)} (the one filter is |uri)")
        }
        guard !name.isEmpty else { throw SyntaxError(template: source, reason: "an empty placeholder {}") }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        literal = ""
        parts.append(encoded ? .encodedColumn(name) : .column(name))
        characters = characters[(close + 1)...]
      } else if character == "}" {
        if characters.first == "}" { characters.removeFirst() }
        literal.append("}")
      } else {
        literal.append(character)
      }
    }
    if !literal.isEmpty { parts.append(.literal(literal)) }
    self.parts = parts
  }

  /// The columns the template reads, in order.
  public var columns: [String] {
    parts.compactMap {
      switch $0 {
      case .column(let name), .encodedColumn(let name): return name
      case .literal: return nil
      }
    }
  }

  /// RFC 3986 unreserved characters stay; every other byte of the UTF-8 becomes `%XX`.
  public static func percentEncoded(_ text: String) -> String {
    var out: [UInt8] = []
    var text = text
    text.withUTF8 { percentEncode($0, into: &out) }
    return String(decoding: out, as: UTF8.self)
  }

  private static let hex = Array("0123456789ABCDEF".utf8)

  static func percentEncode<Sink: ByteSink>(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout Sink) {
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.appendByte(byte)
      default:
        out.appendByte(UInt8(ascii: "%"))
        out.appendByte(hex[Int(byte >> 4)])
        out.appendByte(hex[Int(byte & 0xF)])
      }
    }
  }
}
