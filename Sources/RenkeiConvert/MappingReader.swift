import RenkeiCore
import RenkeiFormats

/// Reads a mapping from YAML (or JSON, a subset of YAML 1.2). Every mistake is a `MappingError`
/// naming the member where it is, so a mapping is never half applied.
public struct MappingReader: Sendable {
  public init() {}

  public func read(path: String) throws -> Mapping {
    let bytes = try FileBytes.read(path)
    let fileName = path.split(separator: "/").last.map(String.init) ?? path
    let name = fileName.hasSuffix(".yaml") ? String(fileName.dropLast(5)) : fileName
    var mapping = try read(bytes, name: name, file: path)
    mapping.path = path
    return mapping
  }

  public func read(_ bytes: [UInt8], name: String, file: String? = nil) throws -> Mapping {
    let result = YAMLReader().read(bytes, file: file)
    if let error = result.findings.first(where: { $0.severity == .error }) {
      throw MappingError(file: file, pointer: error.location.pointer ?? "", reason: error.message)
    }
    guard let root = result.documents.first?.root, root.kind == .object else {
      throw MappingError(file: file, pointer: "", reason: "a mapping is a YAML mapping (object)")
    }
    return try Parse(file: file).mapping(root, name: name)
  }

  /// The parsing of one document; `file` is only for error messages.
  private struct Parse {
    let file: String?

    func fail(_ value: JSONValue, _ reason: String) -> MappingError {
      MappingError(file: file, pointer: value.pointer.description, reason: reason)
    }

    func text(_ value: JSONValue) throws -> String {
      switch value.kind {
      case .string: return value.string ?? ""
      case .number: return value.number?.lexeme ?? ""
      case .bool: return value.bool == true ? "true" : "false"
      default: throw fail(value, "expected text, found \(value.kind)")
      }
    }

    func texts(_ value: JSONValue) throws -> [String] {
      if value.kind == .array { return try value.elements.map(text) }
      return [try text(value)]
    }

    func known(_ value: JSONValue, _ keys: Set<String>) throws {
      for (key, member) in value.members where !keys.contains(key) {
        throw fail(member, "unknown member \"\(key)\" (expected one of \(keys.sorted().joined(separator: ", ")))")
      }
    }

    func mapping(_ root: JSONValue, name: String) throws -> Mapping {
      try known(
        root,
        ["name", "title", "dataset", "files", "model", "type", "context", "id", "columns", "attributes", "source"])
      guard let model = root["model"] else { throw fail(root, "a mapping names its target model (\"model\")") }
      guard let idValue = root["id"] else { throw fail(root, "a mapping has an entity id template (\"id\")") }
      let id = try template(idValue)
      guard let columnsValue = root["columns"], columnsValue.kind == .array else {
        throw fail(root, "\"columns\" lists the source columns in order")
      }
      let columns = try columnsValue.elements.map(column)
      var attributes: [Mapping.Attribute] = []
      if let attributesValue = root["attributes"] {
        guard attributesValue.kind == .object else { throw fail(attributesValue, "\"attributes\" is a mapping") }
        for (attributeName, spec) in attributesValue.members {
          attributes.append(try attribute(attributeName, spec))
        }
      }
      let modelName = try text(model)
      var mapping = Mapping(
        name: try root["name"].map(text) ?? name, title: try root["title"].map(text) ?? "",
        dataset: try root["dataset"].map(text), filePatterns: try root["files"].map(texts) ?? [], model: modelName,
        entityType: try root["type"].map(text), context: try root["context"].map(texts) ?? [], id: id,
        columns: columns, attributes: attributes)
      try check(&mapping, root)
      return mapping
    }

    func template(_ value: JSONValue) throws -> Template {
      do { return try Template(try text(value)) } catch let error as Template.SyntaxError {
        throw fail(value, error.description)
      }
    }

    func column(_ value: JSONValue) throws -> Mapping.Column {
      if value.kind == .string { return Mapping.Column(name: try text(value)) }
      guard value.kind == .object else { throw fail(value, "a column is a name or a mapping with \"name\"") }
      try known(value, ["name", "aliases", "type", "normalize", "required", "path", "values"])
      guard let name = value["name"] else { throw fail(value, "a column has a \"name\"") }
      var column = Mapping.Column(name: try text(name))
      column.aliases = try value["aliases"].map(texts) ?? []
      if let type = value["type"] {
        guard let parsed = Mapping.ColumnType(rawValue: try text(type)) else {
          throw fail(
            type,
            "unknown column type (expected \(Mapping.ColumnType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        column.type = parsed
      }
      for normalizer in try value["normalize"].map(texts) ?? [] {
        guard let parsed = Normalizer(rawValue: normalizer) else {
          throw fail(
            value["normalize"]!,
            "unknown normalizer \"\(normalizer)\" (expected \(Normalizer.allCases.map(\.rawValue).joined(separator: ", ")))"
          )
        }
        column.normalizers.append(parsed)
      }
      column.required = value["required"]?.bool ?? false
      column.path = try value["path"].map(text)
      if let values = value["values"] {
        guard values.kind == .object else { throw fail(values, "\"values\" maps spellings to standard values") }
        for (key, replacement) in values.members { column.values[key] = try text(replacement) }
      }
      return column
    }

    func attribute(_ name: String, _ spec: JSONValue) throws -> Mapping.Attribute {
      var kind = ConvertedEntity.Kind.property
      var unit: String?
      var empty: AttributeValue?
      if spec.kind == .object {
        if let kindValue = spec["kind"] {
          switch try text(kindValue) {
          case "property": kind = .property
          case "relationship": kind = .relationship
          case "geo", "geoproperty": kind = .geoProperty
          default: throw fail(kindValue, "kind is property, relationship or geo")
          }
        }
        unit = try spec["unit"].map(text)
        empty = try spec["empty"].map(constant)
      }
      let source = try self.source(spec)
      if case .point = source { kind = .geoProperty }
      return Mapping.Attribute(name: name, source: source, kind: kind, unitCode: unit, empty: empty)
    }

    static let sourceKeys: Set<String> = [
      "from", "value", "template", "lookup", "default", "split", "point", "opening-hours", "object", "when", "else",
      "kind", "unit", "empty",
    ]

    /// A value source: a column name (a string), or a mapping with one of `from`, `value`,
    /// `template`, `point`, `opening-hours`, `object`, optionally `lookup`, `split`, `when`.
    func source(_ spec: JSONValue) throws -> Mapping.ValueSource {
      if spec.kind == .string { return .column(try text(spec)) }
      guard spec.kind == .object else { throw fail(spec, "an attribute is a column name or a mapping") }
      try known(spec, Self.sourceKeys)
      var base: Mapping.ValueSource
      if let from = spec["from"] {
        let column = try text(from)
        if let table = spec["lookup"] {
          guard table.kind == .object else { throw fail(table, "\"lookup\" maps source values to values") }
          var entries: [String: AttributeValue] = [:]
          for (key, value) in table.members { entries[key] = try constant(value) }
          base = .lookup(column: column, table: entries, fallback: try spec["default"].map(constant))
        } else if let separators = spec["split"] {
          base = .split(column: column, separators: Array(try text(separators)))
        } else {
          base = .column(column)
        }
      } else if let value = spec["value"] {
        base = .constant(try constant(value))
      } else if let template = spec["template"] {
        base = .template(try self.template(template))
      } else if let point = spec["point"] {
        guard let latitude = point["latitude"], let longitude = point["longitude"] else {
          throw fail(point, "\"point\" names its \"latitude\" and \"longitude\" columns")
        }
        base = .point(latitude: try text(latitude), longitude: try text(longitude))
      } else if let hours = spec["opening-hours"] {
        guard let days = hours["days"], let opens = hours["opens"], let closes = hours["closes"] else {
          throw fail(hours, "\"opening-hours\" names its \"days\", \"opens\" and \"closes\" columns")
        }
        base = .openingHours(days: try text(days), opens: try text(opens), closes: try text(closes))
      } else if let object = spec["object"] {
        guard object.kind == .object else { throw fail(object, "\"object\" maps member names to values") }
        base = .object(try object.members.map { ($0.key, try source($0.value)) })
      } else {
        throw fail(spec, "an attribute needs from, value, template, point, opening-hours or object")
      }
      if let when = spec["when"] {
        return .when(try condition(when), then: base, otherwise: try spec["else"].map(source))
      }
      return base
    }

    func condition(_ value: JSONValue) throws -> Mapping.Condition {
      guard value.kind == .object, let column = value["column"] else {
        throw fail(value, "\"when\" is a mapping with \"column\" and \"equals\", \"not-equals\" or \"present\"")
      }
      try known(value, ["column", "equals", "not-equals", "present"])
      if let equals = value["equals"] {
        return Mapping.Condition(column: try text(column), equals: try texts(equals), negated: false)
      }
      if let equals = value["not-equals"] {
        return Mapping.Condition(column: try text(column), equals: try texts(equals), negated: true)
      }
      return Mapping.Condition(column: try text(column), equals: nil, negated: value["present"]?.bool == false)
    }

    func constant(_ value: JSONValue) throws -> AttributeValue {
      switch value.kind {
      case .string: return .text(value.string ?? "")
      case .number: return .number(value.number?.lexeme ?? "0")
      case .bool: return .bool(value.bool ?? false)
      case .array: return .list(try value.elements.map(constant))
      case .object: return .object(try value.members.map { AttributeValue.Member($0.key, try constant($0.value)) })
      default: throw fail(value, "a constant is text, a number, a boolean, a list or a mapping")
      }
    }

    /// Every column a template, point or attribute reads must be declared.
    func check(_ mapping: inout Mapping, _ root: JSONValue) throws {
      let declared = Set(mapping.columns.map(\.name))
      func require(_ column: String, _ where_: String) throws {
        if !declared.contains(column) {
          throw fail(root, "\(where_) reads column \"\(column)\", which is not in \"columns\"")
        }
      }
      for column in mapping.id.columns { try require(column, "id") }
      func walk(_ source: Mapping.ValueSource, _ attribute: String) throws {
        for column in MappingReader.columns(of: source) { try require(column, "attribute \(attribute)") }
      }
      for attribute in mapping.attributes { try walk(attribute.source, attribute.name) }
    }
  }

  /// The columns a value source reads.
  static func columns(of source: Mapping.ValueSource) -> [String] {
    switch source {
    case .column(let column), .lookup(let column, _, _), .split(let column, _): return [column]
    case .constant: return []
    case .template(let template): return template.columns
    case .point(let latitude, let longitude): return [latitude, longitude]
    case .openingHours(let days, let opens, let closes): return [days, opens, closes]
    case .object(let members): return members.flatMap { columns(of: $0.1) }
    case .when(let condition, let then, let otherwise):
      return [condition.column] + columns(of: then) + (otherwise.map(columns) ?? [])
    }
  }
}
