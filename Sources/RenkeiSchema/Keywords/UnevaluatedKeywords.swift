import RenkeiCore

/// `unevaluatedProperties` (Core §11.3): members that no adjacent or in-place applicator
/// evaluated must be valid against the schema.
final class UnevaluatedPropertiesKeyword: Keyword {
  let name = "unevaluatedProperties"
  let schema: SchemaNode

  init(_ schema: SchemaNode) { self.schema = schema }

  func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isObject(instance) else { return true }
    let seen = annotations ?? Annotations()
    var valid = true
    var extra: [String] = []
    view.forEachMember(instance) { key, value in
      let text = view.string(key)
      guard valid || context.verbose, !seen.evaluated(property: text) else { return }
      annotations?.properties.insert(text)
      if schema.constant == false {
        extra.append(text)
        valid = false
      } else if !context.descend(schema, value, view, name) {
        valid = false
      }
    }
    if !extra.isEmpty {
      context.fail(
        name, node, view.value(instance), "\(Phrase.members(extra)) not allowed (unevaluated).",
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
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isArray(instance) else { return true }
    let seen = annotations ?? Annotations()
    var valid = true
    view.forEachElement(instance) { i, element in
      guard valid || context.verbose, !seen.evaluated(item: i) else { return }
      if schema.constant == false {
        context.fail(
          name, node, view.value(instance), "Element \(i) is not allowed (unevaluated).", ["index": String(i)])
        valid = false
      } else if !context.descend(schema, element, view, name) {
        valid = false
      }
    }
    if valid { annotations?.allItems = true }
    return valid
  }
}
