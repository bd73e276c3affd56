import RenkeiCore

/// What `additionalProperties` and `unevaluatedProperties` share: the members a sibling did not
/// cover must each be valid against one schema; with the `false` schema, they are listed
/// together in one failure.
enum RemainingMembers {
  static func evaluate(
    _ schema: SchemaNode, keyword: String, reason: String, _ instance: Int, _ view: InstanceView,
    _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?,
    covered: (_ key: Int) -> Bool
  ) -> Bool {
    var valid = true
    var extra: [String] = []
    view.forEachMember(instance) { key, value in
      guard valid || context.verbose, !covered(key) else { return }
      let text = view.string(key)
      annotations?.properties.insert(text)
      if schema.constant == false {
        extra.append(text)
        valid = false
      } else if !context.descend(schema, value, view, keyword) {
        valid = false
      }
    }
    if !extra.isEmpty {
      context.fail(
        keyword, node, view.value(instance), "\(Phrase.members(extra)) not allowed \(reason).",
        ["members": extra.joined(separator: ",")])
    }
    return valid
  }
}
