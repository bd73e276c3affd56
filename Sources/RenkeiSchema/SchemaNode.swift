import RenkeiCore

/// A keyword compiled for evaluation. Each keyword's file says which clause it implements.
protocol Keyword: AnyObject, Sendable {
  /// The keyword as written in the schema (the last segment of its location).
  var name: String { get }
  /// Whether `instance` satisfies the keyword; records failures in verbose mode, and the
  /// properties or items it evaluated when `annotations` is non-nil.
  func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool
}

/// A compiled schema object (or boolean schema). Nodes form a graph: `$ref` cycles point back
/// to nodes already being compiled, so `keywords` is filled after the node exists.
final class SchemaNode: @unchecked Sendable {
  /// "uri#pointer" of this schema.
  let absoluteLocation: String
  /// The schema resource this node belongs to (index into the compiled schema's resources).
  let resource: Int
  /// `true` / `false` schemas.
  let constant: Bool?
  /// Keywords in evaluation order (`unevaluated*` last).
  var keywords: [any Keyword] = []
  /// True when a keyword of this node reads annotations (unevaluatedProperties/Items).
  var collectsAnnotations = false

  init(absoluteLocation: String, resource: Int, constant: Bool?) {
    self.absoluteLocation = absoluteLocation
    self.resource = resource
    self.constant = constant
  }

  func evaluate(
    _ instance: Int, _ view: InstanceView, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    if let constant {
      if !constant { context.fail("false", self, view.value(instance), "The schema is false: no value is valid here.") }
      return constant
    }
    let entered = context.dynamicScope.last != resource
    if entered { context.dynamicScope.append(resource) }
    defer { if entered { context.dynamicScope.removeLast() } }

    var local: Annotations? = (annotations != nil || collectsAnnotations) ? Annotations() : nil
    var valid = true
    for keyword in keywords where !keyword.evaluate(instance, view, self, &context, &local) {
      valid = false
      if !context.verbose { return false }
    }
    if valid, annotations != nil, let local { annotations!.merge(local) }
    return valid
  }
}
