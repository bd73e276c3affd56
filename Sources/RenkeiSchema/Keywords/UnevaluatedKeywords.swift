import RenkeiCore

/// `unevaluatedProperties` (Core §11.3): members that no adjacent or in-place applicator
/// evaluated must be valid against the schema.
final class UnevaluatedPropertiesKeyword: Keyword {
  let name = "unevaluatedProperties"
  let schema: SchemaNode

  init(_ schema: SchemaNode) { self.schema = schema }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard instance.kind == .object else { return true }
    let seen = annotations ?? Annotations()
    var valid = true
    var extra: [String] = []
    for (key, value) in instance.members where !seen.evaluated(property: key) {
      annotations?.properties.insert(key)
      if schema.constant == false {
        extra.append(key)
        valid = false
        if !context.verbose { return false }
      } else if !context.descend(schema, value, name) {
        valid = false
        if !context.verbose { return false }
      }
    }
    if !extra.isEmpty {
      context.fail(
        name, node, instance,
        "Member\(extra.count > 1 ? "s" : "") \(extra.map { "\"\($0)\"" }.joined(separator: ", ")) \(extra.count > 1 ? "are" : "is") not allowed (unevaluated).",
        ["members": extra.joined(separator: ",")])
    }
    return valid
  }
}

/// `unevaluatedItems` (Core §11.2): elements that no adjacent or in-place applicator evaluated
/// must be valid against the schema.
final class UnevaluatedItemsKeyword: Keyword {
  let name = "unevaluatedItems"
  let schema: SchemaNode

  init(_ schema: SchemaNode) { self.schema = schema }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard instance.kind == .array else { return true }
    let seen = annotations ?? Annotations()
    var valid = true
    for (i, element) in instance.elements.enumerated() where !seen.evaluated(item: i) {
      if schema.constant == false {
        context.fail(name, node, instance, "Element \(i) is not allowed (unevaluated).", ["index": String(i)])
        return false
      }
      if !context.descend(schema, element, name) {
        valid = false
        if !context.verbose { return false }
      }
    }
    if valid { annotations?.allItems = true }
    return valid
  }
}
