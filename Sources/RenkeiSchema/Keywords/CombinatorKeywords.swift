import RenkeiCore

/// `allOf` (Core §10.2.1.1): valid against every subschema.
final class AllOfKeyword: Keyword {
  let name = "allOf"
  let schemas: [SchemaNode]

  init(_ schemas: [SchemaNode]) { self.schemas = schemas }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    var valid = true
    for (i, schema) in schemas.enumerated() where !context.descend(schema, instance, name, String(i), annotations: &annotations) {
      valid = false
      if !context.verbose { return false }
    }
    return valid
  }
}

/// `anyOf` (Core §10.2.1.2): valid against at least one subschema. Every valid branch adds
/// its annotations, so all branches run when annotations are collected.
final class AnyOfKeyword: Keyword {
  let name = "anyOf"
  let schemas: [SchemaNode]

  init(_ schemas: [SchemaNode]) { self.schemas = schemas }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    let mark = context.errors.count
    var any = false
    for (i, schema) in schemas.enumerated() {
      if context.descend(schema, instance, name, String(i), annotations: &annotations) {
        any = true
        if annotations == nil { break }
      }
    }
    if any {
      context.discardErrors(since: mark)
    } else {
      context.fail(name, node, instance, "The value matches none of the \(schemas.count) alternatives.")
    }
    return any
  }
}

/// `oneOf` (Core §10.2.1.3): valid against exactly one subschema.
final class OneOfKeyword: Keyword {
  let name = "oneOf"
  let schemas: [SchemaNode]

  init(_ schemas: [SchemaNode]) { self.schemas = schemas }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    let mark = context.errors.count
    var matched: [Int] = []
    var kept: Annotations? = nil
    for (i, schema) in schemas.enumerated() {
      var branch: Annotations? = annotations == nil ? nil : Annotations()
      if context.descend(schema, instance, name, String(i), annotations: &branch) {
        matched.append(i)
        kept = branch
        if matched.count > 1 && !context.verbose { break }
      }
    }
    if matched.count == 1 {
      context.discardErrors(since: mark)
      if let kept, annotations != nil { annotations!.merge(kept) }
      return true
    }
    if matched.isEmpty {
      context.fail(name, node, instance, "The value matches none of the \(schemas.count) alternatives; exactly one must match.")
    } else {
      context.discardErrors(since: mark)
      context.fail(
        name, node, instance,
        "The value matches alternatives \(matched.map(String.init).joined(separator: " and ")); exactly one must match.",
        ["matched": matched.map(String.init).joined(separator: ",")])
    }
    return false
  }
}

/// `not` (Core §10.2.1.4): invalid against the subschema.
final class NotKeyword: Keyword {
  let name = "not"
  let schema: SchemaNode

  init(_ schema: SchemaNode) { self.schema = schema }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    let mark = context.errors.count
    let inner = context.descend(schema, instance, name)
    context.discardErrors(since: mark)
    if inner { context.fail(name, node, instance, "The value must not match the schema under \"not\".") }
    return !inner
  }
}

/// `if` / `then` / `else` (Core §10.2.2.1-3).
final class ConditionalKeyword: Keyword {
  let name = "if"
  let condition: SchemaNode
  let then: SchemaNode?
  let otherwise: SchemaNode?

  init(condition: SchemaNode, then: SchemaNode?, otherwise: SchemaNode?) {
    self.condition = condition
    self.then = then
    self.otherwise = otherwise
  }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    let mark = context.errors.count
    var conditionAnnotations: Annotations? = annotations == nil ? nil : Annotations()
    let holds = context.descend(condition, instance, "if", annotations: &conditionAnnotations)
    context.discardErrors(since: mark)
    if holds {
      if let conditionAnnotations, annotations != nil { annotations!.merge(conditionAnnotations) }
      guard let then else { return true }
      return context.descend(then, instance, "then", annotations: &annotations)
    }
    guard let otherwise else { return true }
    return context.descend(otherwise, instance, "else", annotations: &annotations)
  }
}
