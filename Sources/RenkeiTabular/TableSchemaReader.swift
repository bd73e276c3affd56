import RenkeiCore

/// Reads a Table Schema descriptor and checks it the way frictionless does (the same error kinds
/// and notes), so a schema mistake is reported once, up front, rather than as a wrong verdict on
/// every row.
struct TableSchemaReader {
  /// The data package version a `$schema` profile declares.
  enum Version {
    case v1
    case v2
    case unknown
  }

  func read(_ root: JSONValue) throws(TableSchemaError) -> TableSchema {
    guard root.kind == .object else { throw TableSchemaError(.schema, "a Table Schema must be a JSON object") }
    let profile = root["$schema"]?.string
    let version = Self.version(of: profile)
    guard let fieldsValue = root["fields"] else { throw TableSchemaError(.schema, "'fields' is a required property") }
    guard fieldsValue.kind == .array else {
      throw TableSchemaError(.schema, "'\(Self.text(fieldsValue))' is not of type 'array' at property 'fields'")
    }
    var fields: [TableField] = []
    for element in fieldsValue.elements {
      fields.append(try readField(element, version: version))
    }
    var schema = TableSchema(fields: fields, profile: profile)
    if let missing = root["missingValues"] {
      schema.missingValues = try readMissingValues(missing, kind: .schema, version: version)
    }
    if let match = root["fieldsMatch"] {
      guard let name = match.string, let value = TableSchema.FieldsMatch(rawValue: name) else {
        throw TableSchemaError(
          .schema,
          "'\(Self.text(match))' is not one of ['exact', 'equal', 'subset', 'superset', 'partial'] at property 'fieldsMatch'"
        )
      }
      schema.fieldsMatch = value
    }
    let names = Set(fields.map(\.name))
    if let key = root["primaryKey"] {
      schema.primaryKey = try Self.names(key, property: "primaryKey")
      for name in schema.primaryKey where !names.contains(name) {
        throw TableSchemaError(
          .schema, "primary key \"\(name)\" does not match the fields \(Self.list(fields.map(\.name)))")
      }
    }
    if let keys = root["uniqueKeys"] {
      guard keys.kind == .array, keys.count > 0 else {
        throw TableSchemaError(.schema, "'uniqueKeys' must be a non-empty array of field name arrays")
      }
      for key in keys.elements {
        let list = try Self.names(key, property: "uniqueKeys")
        for name in list where !names.contains(name) {
          throw TableSchemaError(
            .schema, "unique key \"\(name)\" does not match the fields \(Self.list(fields.map(\.name)))")
        }
        schema.uniqueKeys.append(list)
      }
    }
    if let keys = root["foreignKeys"] {
      guard keys.kind == .array else { throw TableSchemaError(.schema, "'foreignKeys' must be an array") }
      for key in keys.elements {
        let foreignKey = try readForeignKey(key)
        for name in foreignKey.fields where !names.contains(name) {
          throw TableSchemaError(
            .schema, "foreign key field \"\(name)\" does not match the fields \(Self.list(fields.map(\.name)))")
        }
        schema.foreignKeys.append(foreignKey)
      }
    }
    return schema
  }

  static func version(of profile: String?) -> Version {
    guard let profile else { return .unknown }
    if profile.contains("/profiles/1.0/") { return .v1 }
    if profile.contains("/profiles/2.0/") { return .v2 }
    return .unknown
  }

  // MARK: - Fields

  func readField(_ value: JSONValue, version: Version, isItem: Bool = false) throws(TableSchemaError) -> TableField {
    guard value.kind == .object else {
      throw TableSchemaError(.schema, "'\(Self.text(value))' is not of type 'object' at property 'fields'")
    }
    let name: String
    if let given = value["name"] {
      guard let text = given.string else { throw TableSchemaError(.field, "'name' must be a string") }
      name = text
    } else if isItem {
      name = ""
    } else {
      throw TableSchemaError(.field, "'name' is a required property")
    }
    var type = FieldType.any
    if let given = value["type"] {
      guard let text = given.string, let known = FieldType(rawValue: text) else {
        throw TableSchemaError(.field, "field type \"\(Self.text(given))\" is not supported")
      }
      type = known
    }
    var format = "default"
    if let given = value["format"] {
      guard let text = given.string else { throw TableSchemaError(.field, "'format' must be a string") }
      format = text.hasPrefix("fmt:") ? String(text.dropFirst(4)) : text
    }
    try checkFormat(format, type: type, field: name)
    var field = TableField(name: name, type: type, format: format)
    if value["required"] != nil {
      throw TableSchemaError(.field, "\"required\" should be set as \"constraints.required\"")
    }
    if let missing = value["missingValues"] {
      field.missingValues = try readMissingValues(missing, kind: .field, version: version)
    }
    if let given = value["trueValues"] { field.trueValues = try Self.strings(given, property: "trueValues") }
    if let given = value["falseValues"] { field.falseValues = try Self.strings(given, property: "falseValues") }
    if let given = value["decimalChar"] {
      guard let text = given.string, !text.isEmpty else {
        throw TableSchemaError(.field, "'decimalChar' must be a non-empty string")
      }
      field.decimalChar = text
    }
    if let given = value["groupChar"] {
      guard let text = given.string else { throw TableSchemaError(.field, "'groupChar' must be a string") }
      field.groupChar = text
    }
    if let given = value["bareNumber"] {
      guard let flag = given.bool else { throw TableSchemaError(.field, "'bareNumber' must be a boolean") }
      field.bareNumber = flag
    }
    if let given = value["arrayItem"], type == .array {
      field.arrayItem = ItemField(try readField(given, version: version, isItem: true))
    }
    if let given = value["delimiter"], type == .list {
      guard let text = given.string, !text.isEmpty else {
        throw TableSchemaError(.field, "'delimiter' must be a non-empty string")
      }
      field.listDelimiter = text
    }
    if let given = value["itemType"], type == .list {
      let allowed: [FieldType] = [.string, .integer, .boolean, .number, .datetime, .date, .time]
      guard let text = given.string, let itemType = FieldType(rawValue: text), allowed.contains(itemType) else {
        throw TableSchemaError(.field, "list item type \"\(Self.text(given))\" is not supported")
      }
      field.itemType = itemType
    }
    if let given = value["categories"] {
      guard given.kind == .array else { throw TableSchemaError(.field, "'categories' must be an array") }
      field.categories = given.elements.map { $0.kind == .object ? ($0["value"] ?? $0) : $0 }
    }
    if let given = value["constraints"] {
      field.constraints = try readConstraints(given, type: type, version: version)
    }
    return field
  }

  private func checkFormat(_ format: String, type: FieldType, field: String) throws(TableSchemaError) {
    guard format != "default" else { return }
    if type.namedFormats.contains(format) { return }
    if type.takesPatternFormat {
      guard format.contains("%") else {
        throw TableSchemaError(
          .field,
          "format \"\(format)\" of field \"\(field)\" is not a strptime pattern (e.g. %Y-%m-%d for 2024-04-01)")
      }
      do throws(StrptimeFormat.SyntaxError) {
        _ = try StrptimeFormat(format)
      } catch {
        throw TableSchemaError(.field, "format \"\(format)\" of field \"\(field)\": \(error.message)")
      }
      return
    }
    if [.string, .geopoint, .geojson].contains(type) {
      throw TableSchemaError(.field, "format \"\(format)\" is not supported by type \"\(type.rawValue)\"")
    }
  }

  private func readConstraints(_ value: JSONValue, type: FieldType, version: Version) throws(TableSchemaError)
    -> FieldConstraints
  {
    guard value.kind == .object else { throw TableSchemaError(.field, "'constraints' must be an object") }
    var constraints = FieldConstraints()
    for (name, given) in value.members {
      guard name == "required" || name == "unique" || type.supportedConstraints.contains(name) else {
        throw TableSchemaError(.field, "constraint \"\(name)\" is not supported by type \"\(type.rawValue)\"")
      }
      switch name {
      case "required", "unique":
        guard let flag = given.bool else { throw TableSchemaError(.field, "constraint \"\(name)\" must be a boolean") }
        if name == "required" { constraints.required = flag } else { constraints.unique = flag }
      case "minLength", "maxLength":
        guard let number = given.number?.int64, number >= 0 else {
          throw TableSchemaError(.field, "constraint \"\(name)\" must be a non-negative integer")
        }
        if name == "minLength" { constraints.minLength = Int(number) } else { constraints.maxLength = Int(number) }
      case "pattern":
        guard let text = given.string else { throw TableSchemaError(.field, "constraint \"pattern\" must be a string") }
        do throws(XSDRegexSyntaxError) {
          _ = try XSDRegex(text)
        } catch {
          throw TableSchemaError(
            .field, "constraint \"pattern\" \"\(text)\" is not a valid XML Schema regular expression: \(error)")
        }
        constraints.pattern = text
      case "enum":
        guard given.kind == .array else { throw TableSchemaError(.field, "constraint \"enum\" must be an array") }
        constraints.enumValues = given.elements
      case "minimum": constraints.minimum = given
      case "maximum": constraints.maximum = given
      case "exclusiveMinimum", "exclusiveMaximum":
        if version == .v1 { throw TableSchemaError(.field, "constraint \"\(name)\" requires datapackage v2") }
        if name == "exclusiveMinimum" {
          constraints.exclusiveMinimum = given
        } else {
          constraints.exclusiveMaximum = given
        }
      case "jsonSchema":
        constraints.jsonSchema = given
      default:
        break
      }
    }
    return constraints
  }

  // MARK: - Missing values

  private func readMissingValues(_ value: JSONValue, kind: TableSchemaError.Kind, version: Version)
    throws(TableSchemaError) -> [String]
  {
    guard value.kind == .array else {
      throw TableSchemaError(
        kind, "'\(Self.text(value))' is not valid under any of the given schemas at property 'missingValues'")
    }
    var values: [String] = []
    var labels: [String] = []
    var objectForm = false
    for entry in value.elements {
      if let text = entry.string {
        values.append(text)
      } else if entry.kind == .object, let text = entry["value"]?.string {
        objectForm = true
        values.append(text)
        if let label = entry["label"] {
          guard let labelText = label.string else {
            throw TableSchemaError(kind, "missing value labels must be strings")
          }
          labels.append(labelText)
        }
      } else {
        throw TableSchemaError(
          kind, "'\(Self.text(entry))' is not valid under any of the given schemas at property 'missingValues'")
      }
    }
    guard objectForm else { return values }
    if version == .v1 { throw TableSchemaError(kind, "missing values in object form require datapackage v2") }
    var notes: [String] = []
    for duplicate in Self.duplicates(values) { notes.append("missing value \"\(duplicate)\" is not unique") }
    for duplicate in Self.duplicates(labels) { notes.append("missing value label \"\(duplicate)\" is not unique") }
    if !notes.isEmpty { throw TableSchemaError(kind, notes.joined(separator: "; ")) }
    return values
  }

  // MARK: - Keys

  private func readForeignKey(_ value: JSONValue) throws(TableSchemaError) -> ForeignKey {
    guard value.kind == .object, let fields = value["fields"], let reference = value["reference"],
      reference.kind == .object, let referenceFields = reference["fields"]
    else {
      throw TableSchemaError(.schema, "a foreign key needs 'fields' and 'reference' with 'fields'")
    }
    let own = try Self.names(fields, property: "foreignKeys.fields")
    let referenced = try Self.names(referenceFields, property: "foreignKeys.reference.fields")
    guard own.count == referenced.count else {
      throw TableSchemaError(
        .schema, "foreign key fields \(Self.list(own)) and reference fields \(Self.list(referenced)) differ in number")
    }
    var resource: String? = nil
    if let given = reference["resource"] {
      guard let text = given.string else { throw TableSchemaError(.schema, "'reference.resource' must be a string") }
      resource = text.isEmpty ? nil : text
    }
    return ForeignKey(fields: own, resource: resource, referenceFields: referenced)
  }

  /// A field name or a list of field names (v1 allows a single string).
  static func names(_ value: JSONValue, property: String) throws(TableSchemaError) -> [String] {
    if let single = value.string { return [single] }
    return try strings(value, property: property)
  }

  static func strings(_ value: JSONValue, property: String) throws(TableSchemaError) -> [String] {
    guard value.kind == .array else { throw TableSchemaError(.schema, "'\(property)' must be an array of strings") }
    var out: [String] = []
    for element in value.elements {
      guard let text = element.string else {
        throw TableSchemaError(.schema, "'\(property)' must be an array of strings")
      }
      out.append(text)
    }
    return out
  }

  private static func duplicates(_ values: [String]) -> [String] {
    var seen = Set<String>()
    var reported = Set<String>()
    var out: [String] = []
    for value in values where !seen.insert(value).inserted && reported.insert(value).inserted { out.append(value) }
    return out
  }

  /// How a descriptor value is quoted in notes: strings bare, other values as JSON.
  static func text(_ value: JSONValue) -> String { value.string ?? JSONWriter().string(value) }

  static func list(_ names: [String]) -> String { "[" + names.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
}
