import RenkeiCore

/// A Frictionless Table Schema (v1, with the v2 additions `fieldsMatch`, `uniqueKeys`, object
/// `missingValues`, `exclusiveMinimum`/`exclusiveMaximum`, `list` and `categories`):
/// the fields of a table, the values that mean "missing", and the keys across rows.
public struct TableSchema: Sendable {
  /// How the data's header is matched to `fields` (Table Schema v2 `fieldsMatch`).
  public enum FieldsMatch: String, Sendable, CaseIterable {
    /// The same fields, in the same order (the default).
    case exact
    /// The same fields, in any order, matched by name.
    case equal
    /// All the schema's fields, and possibly more.
    case subset
    /// Only fields of the schema, possibly not all of them (required ones must be there).
    case superset
    /// At least one field of the schema.
    case partial
  }

  public var fields: [TableField]
  public var missingValues: [String]
  public var primaryKey: [String]
  public var uniqueKeys: [[String]]
  public var foreignKeys: [ForeignKey]
  public var fieldsMatch: FieldsMatch
  /// The profile the descriptor declares in `$schema`, if any.
  public var profile: String?

  public init(
    fields: [TableField], missingValues: [String] = [""], primaryKey: [String] = [], uniqueKeys: [[String]] = [],
    foreignKeys: [ForeignKey] = [], fieldsMatch: FieldsMatch = .exact, profile: String? = nil
  ) {
    self.fields = fields
    self.missingValues = missingValues
    self.primaryKey = primaryKey
    self.uniqueKeys = uniqueKeys
    self.foreignKeys = foreignKeys
    self.fieldsMatch = fieldsMatch
    self.profile = profile
  }

  /// Reads and checks a descriptor (a JSON object).
  public init(descriptor: JSONValue) throws(TableSchemaError) {
    self = try TableSchemaReader().read(descriptor)
  }

  /// Reads and checks a JSON descriptor.
  public init(json bytes: [UInt8]) throws(TableSchemaError) {
    let document: JSONDocument
    do {
      document = try JSONParser().parse(bytes).document
    } catch {
      throw TableSchemaError(
        .schema,
        "not JSON: \(error.position.line):\(error.position.column): \(Rule.render(error.rule.message, error.arguments))"
      )
    }
    try self.init(descriptor: document.root)
  }

  /// Whether a JSON document is a Table Schema rather than a JSON Schema: an object with a
  /// `fields` array, no JSON Schema keywords at its root, and no `$schema` other than a Table
  /// Schema profile.
  public static func isTableSchema(_ root: JSONValue) -> Bool {
    guard root.kind == .object, let fields = root["fields"], fields.kind == .array else { return false }
    if let declared = root["$schema"]?.string {
      let lower = declared.lowercased()
      return lower.contains("tableschema") || lower.contains("table-schema")
    }
    let jsonSchemaKeywords = ["properties", "type", "items", "$defs", "definitions", "allOf", "anyOf", "oneOf", "$ref"]
    return !jsonSchemaKeywords.contains { root[$0] != nil }
  }

  /// The field called `name`.
  public func field(named name: String) -> TableField? { fields.first { $0.name == name } }
}
