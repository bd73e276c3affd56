import RenkeiCore

/// `$dynamicRef` (2020-12 Core §8.2.3.2) and `$recursiveRef` (2019-09 Core §8.2.4.2.1): resolved
/// like `$ref`; when the first target carries a matching dynamic anchor, the outermost
/// schema resource in the dynamic scope with that anchor is used instead.
final class DynamicRefKeyword: Keyword {
  let name: String
  let initial: SchemaNode
  /// The anchor name ("" for `$recursiveAnchor`), or nil when the first target has no dynamic anchor.
  let anchor: String?

  init(name: String, initial: SchemaNode, anchor: String?) {
    self.name = name
    self.initial = initial
    self.anchor = anchor
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    var target = initial
    if let anchor {
      let targets = context.schema.dynamicTargets
      if name == "$recursiveRef" {
        // 2019-09: the outermost resource of the contiguous run of resources with
        // "$recursiveAnchor": true that ends at the current one.
        for resource in context.dynamicScope.reversed() {
          guard let candidate = targets[resource]?[anchor] else { break }
          target = candidate
        }
      } else {
        for resource in context.dynamicScope {
          if let candidate = targets[resource]?[anchor] {
            target = candidate
            break
          }
        }
      }
    }
    return context.descend(target, instance, view, name, annotations: &annotations)
  }
}
