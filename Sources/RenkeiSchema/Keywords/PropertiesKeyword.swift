import RenkeiCore

/// `properties` (Core §10.3.2.1): each named member must be valid against its schema.
final class PropertiesKeyword: Keyword {
  let name = "properties"
  /// Owns the subschemas that `schemas` holds unretained.
  let nodes: [SchemaNode]
  /// The subschemas by name, unretained (see `UnretainedNodes`).
  let schemas: KeyTable<Unmanaged<SchemaNode>>

  init(_ schemas: [(String, SchemaNode)]) {
    nodes = schemas.map(\.1)
    self.schemas = KeyTable(schemas.map { ($0.0, Unmanaged.passUnretained($0.1)) })
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isObject(instance) else { return true }
    var valid = true
    view.forEachMember(instance) { key, value in
      guard valid || context.verbose, let position = schemas.position(ofKey: key, view) else { return }
      if annotations != nil { annotations!.properties.insert(schemas.name(at: position)) }
      if !context.descend(schemas.value(at: position), value, view, name, schemas.name(at: position)) {
        valid = false
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

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isObject(instance) else { return true }
    var valid = true
    view.forEachMember(instance) { key, value in
      guard valid || context.verbose else { return }
      let text = view.string(key)
      for entry in patterns where entry.regex.matches(text) {
        annotations?.properties.insert(text)
        if !context.descend(entry.schema, value, view, name, entry.pattern) { valid = false }
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
  let named: KeyTable<Void>
  let patterns: [RegexMatcher]

  init(schema: SchemaNode, named: [String], patterns: [RegexMatcher]) {
    self.schema = schema
    self.named = KeyTable(named.map { ($0, ()) })
    self.patterns = patterns
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isObject(instance) else { return true }
    return RemainingMembers.evaluate(
      schema, keyword: name, reason: "here", instance, view, node, &context, &annotations
    ) { key in
      named.position(ofKey: key, view) != nil
        || (!patterns.isEmpty && patterns.contains { $0.matches(view.string(key)) })
    }
  }
}

/// `propertyNames` (Core §10.3.2.4): every member name must be valid against the schema.
final class PropertyNamesKeyword: Keyword {
  let name = "propertyNames"
  let schema: SchemaNode

  init(_ schema: SchemaNode) { self.schema = schema }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isObject(instance) else { return true }
    var valid = true
    // A member name is evaluated as a string: the key entries of the tape are string values.
    view.forEachMember(instance) { key, _ in
      if (valid || context.verbose) && !context.descend(schema, key, view, name) { valid = false }
    }
    return valid
  }
}

/// `dependentSchemas` (Core §10.2.2.4), and the schema form of `dependencies`: when a member
/// is present, the whole object must be valid against its schema.
final class DependentSchemasKeyword: Keyword {
  let name: String
  let schemas: KeyTable<SchemaNode>

  init(name: String, _ schemas: [(String, SchemaNode)]) {
    self.name = name
    self.schemas = KeyTable(schemas)
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isObject(instance) else { return true }
    var valid = true
    view.forEachMember(instance) { key, _ in
      guard valid || context.verbose, let position = schemas.position(ofKey: key, view) else { return }
      if !context.descend(
        schemas.value(at: position), instance, view, name, schemas.name(at: position), annotations: &annotations)
      {
        valid = false
      }
    }
    return valid
  }
}
