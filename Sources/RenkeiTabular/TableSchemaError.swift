/// A Table Schema descriptor that cannot be used. `kind` uses frictionless's names:
/// `schema-error` for the schema as a whole, `field-error` for one field.
public struct TableSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    case schema = "schema-error"
    case field = "field-error"
  }

  public var kind: Kind
  /// What is wrong, e.g. `field type "bad" is not supported`.
  public var note: String

  public init(_ kind: Kind, _ note: String) {
    self.kind = kind
    self.note = note
  }

  public var description: String { "\(kind.rawValue): \(note)" }
}
