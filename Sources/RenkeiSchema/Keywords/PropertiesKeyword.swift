import RenkeiCore

/// `properties` (Core §10.3.2.1): each named member must be valid against its schema.
final class PropertiesKeyword: Keyword {
  let name = "properties"
  let schemas: [String: SchemaNode]

  init(_ schemas: [String: SchemaNode]) { self.schemas = schemas }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard instance.kind == .object else { return true }
    var valid = true
    for (key, value) in instance.members {
      guard let schema = schemas[key] else { continue }
      annotations?.properties.insert(key)
      if !context.descend(schema, value, name, key) {
        valid = false
        if !context.verbose { return false }
      }
    }
    return valid
  }
}

/// `patternProperties` (Core §10.3.2.2): members whose names match a pattern must be valid
/// against its schema.
final class PatternPropertiesKeyword: Keyword {
  let name = "patternProperties"
  let patterns: [(pattern: String, regex: RegexMatcher, schema: SchemaNode)]

  init(_ patterns: [(pattern: String, regex: RegexMatcher, schema: SchemaNode)]) { self.patterns = patterns }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard instance.kind == .object else { return true }
    var valid = true
    for (key, value) in instance.members {
      for entry in patterns where entry.regex.matches(key) {
        annotations?.properties.insert(key)
        if !context.descend(entry.schema, value, name, entry.pattern) {
          valid = false
          if !context.verbose { return false }
        }
      }
    }
    return valid
  }
}

/// `additionalProperties` (Core §10.3.2.3): members not named in `properties` nor matched by
/// `patternProperties` must be valid against the schema.
final class AdditionalPropertiesKeyword: Keyword {
  let name = "additionalProperties"
  let schema: SchemaNode
  let named: Set<String>
  let patterns: [RegexMatcher]

  init(schema: SchemaNode, named: Set<String>, patterns: [RegexMatcher]) {
    self.schema = schema
    self.named = named
    self.patterns = patterns
  }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard instance.kind == .object else { return true }
    var valid = true
    var extra: [String] = []
    for (key, value) in instance.members {
      if named.contains(key) || patterns.contains(where: { $0.matches(key) }) { continue }
      annotations?.properties.insert(key)
      if schema.constant == false {
        extra.append(key)
        valid = false
        if !context.verbose { return false }
        continue
      }
      if !context.descend(schema, value, name) {
        valid = false
        if !context.verbose { return false }
      }
    }
    if !extra.isEmpty {
      context.fail(
        name, node, instance,
        "Member\(extra.count > 1 ? "s" : "") \(extra.map { "\"\($0)\"" }.joined(separator: ", ")) \(extra.count > 1 ? "are" : "is") not allowed here.",
        ["members": extra.joined(separator: ",")])
    }
    return valid
  }
}

/// `propertyNames` (Core §10.3.2.4): every member name must be valid against the schema.
final class PropertyNamesKeyword: Keyword {
  let name = "propertyNames"
  let schema: SchemaNode

  init(_ schema: SchemaNode) { self.schema = schema }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard instance.kind == .object else { return true }
    var valid = true
    // Names are evaluated as strings: the key entries of the tape are string values.
    var index = instance.index + 1
    let document = instance.document
    let end = Int(document.tape[instance.index].extent)
    while index < end {
      let key = JSONValue(document: document, index: index)
      if !context.descend(schema, key, name) {
        valid = false
        if !context.verbose { return false }
      }
      let value = document.tape[index + 1]
      index = value.isContainer ? Int(value.extent) : index + 2
    }
    return valid
  }
}

/// `dependentSchemas` (Core §10.2.2.4), and the schema form of draft 4-7 `dependencies`: when a
/// member is present, the whole object must be valid against its schema.
final class DependentSchemasKeyword: Keyword {
  let name: String
  let schemas: [String: SchemaNode]

  init(name: String, _ schemas: [String: SchemaNode]) {
    self.name = name
    self.schemas = schemas
  }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard instance.kind == .object else { return true }
    var valid = true
    for (key, _) in instance.members {
      guard let schema = schemas[key] else { continue }
      if !context.descend(schema, instance, name, key, annotations: &annotations) {
        valid = false
        if !context.verbose { return false }
      }
    }
    return valid
  }
}
