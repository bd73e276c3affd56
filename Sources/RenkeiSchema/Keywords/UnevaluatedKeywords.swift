import RenkeiCore

/// `unevaluatedProperties` (Core §11.3): members that no adjacent or in-place applicator
/// evaluated must be valid against the schema.
final class UnevaluatedPropertiesKeyword: Keyword {
  let name = "unevaluatedProperties"
  let schema: SchemaNode

  init(_ schema: SchemaNode) { self.schema = schema }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isObject(instance) else { return true }
    let seen = annotations ?? Annotations()
    return RemainingMembers.evaluate(
      schema, keyword: name, reason: "(unevaluated)", instance, view, node, &context, &annotations
    ) { key in
      seen.evaluated(property: view.string(key))
    }
  }
}

/// `unevaluatedItems` (Core §11.2): elements that no adjacent or in-place applicator evaluated
/// must be valid against the schema.
final class UnevaluatedItemsKeyword: Keyword {
  let name = "unevaluatedItems"
  let schema: SchemaNode

  init(_ schema: SchemaNode) { self.schema = schema }

  override func evaluate(
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
