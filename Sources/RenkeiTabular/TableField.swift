import RenkeiCore

/// One field of a Table Schema: its name, type and format, type options and constraints.
public struct TableField: Sendable {
  public var name: String
  public var type: FieldType
  /// "default", a named format (`email`, `uri`, `array` ...), `any`, or a strptime-style pattern
  /// for dates and times.
  public var format: String
  public var constraints: FieldConstraints
  /// Replaces the schema's `missingValues` for this field when set.
  public var missingValues: [String]?
  public var trueValues: [String] = ["true", "True", "TRUE", "1"]
  public var falseValues: [String] = ["false", "False", "FALSE", "0"]
  public var decimalChar = "."
  public var groupChar = ""
  public var bareNumber = true
  /// `array` fields: the field every item is read as (`arrayItem`).
  public var arrayItem: ItemField?
  /// `list` fields: the item separator and the items' type.
  public var listDelimiter = ","
  public var itemType: FieldType = .string
  /// `categories` values (Table Schema v2), as written.
  public var categories: [JSONValue]?

  public init(name: String, type: FieldType = .any, format: String = "default") {
    self.name = name
    self.type = type
    self.format = format
    constraints = FieldConstraints()
  }
}

/// The field an `array` field's items are read as (a class, so a field can contain one).
public final class ItemField: Sendable {
  public let field: TableField

  public init(_ field: TableField) { self.field = field }
}
