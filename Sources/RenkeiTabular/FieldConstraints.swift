import RenkeiCore

/// A field's `constraints`. Bounds and `enum` values are kept as written in the descriptor (a
/// JSON number, or a string in the field's lexical form) and read with the field's type when the
/// schema is compiled.
public struct FieldConstraints: Sendable {
  public var required = false
  public var unique = false
  public var minLength: Int?
  public var maxLength: Int?
  public var minimum: JSONValue?
  public var maximum: JSONValue?
  public var exclusiveMinimum: JSONValue?
  public var exclusiveMaximum: JSONValue?
  public var pattern: String?
  public var enumValues: [JSONValue]?
  /// `jsonSchema` (Table Schema v2) is recognised but not evaluated; a schema using it gets a
  /// warning finding instead of silently passing every value.
  public var jsonSchema: JSONValue?

  public init() {}
}
