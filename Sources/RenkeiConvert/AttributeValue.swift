/// A value produced by a mapping, before it is written in a target representation. (Not
/// `indirect`: lists and objects hold arrays, which are already references, and a boxed case
/// would cost an allocation for every value of every row.)
public enum AttributeValue: Sendable, Equatable {
  case text(String)
  /// A JSON number, kept as its lexeme so nothing is rounded.
  case number(String)
  case bool(Bool)
  case list([AttributeValue])
  case object([Member])
  /// A GeoJSON Point (RFC 7946 §3.1.2): longitude first.
  case point(longitude: String, latitude: String)

  public struct Member: Sendable, Equatable {
    public var name: String
    public var value: AttributeValue
    public init(_ name: String, _ value: AttributeValue) {
      self.name = name
      self.value = value
    }
  }

  /// The value as the text of a CSV cell (lists joined with ";", objects and points as JSON).
  public var cellText: String {
    switch self {
    case .text(let text), .number(let text): return text
    case .bool(let value): return value ? "true" : "false"
    case .list(let values): return values.map(\.cellText).joined(separator: ";")
    case .object, .point:
      var out: [UInt8] = []
      JSONOutput.value(self, into: &out)
      return String(decoding: out, as: UTF8.self)
    }
  }
}
