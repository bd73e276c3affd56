import RenkeiCore

/// `$ref` (Core §8.2.3.1): the instance must be valid against the referenced schema. In drafts
/// 4 to 7 it is the only keyword of its object that counts.
final class RefKeyword: Keyword {
  let name = "$ref"
  let target: SchemaNode
  /// `target` as evaluation calls it, unretained (see `UnretainedNodes`).
  private let unretainedTarget: Unmanaged<SchemaNode>

  init(target: SchemaNode) {
    self.target = target
    unretainedTarget = .passUnretained(target)
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    context.descend(unretainedTarget, instance, view, name, annotations: &annotations)
  }
}
