import RenkeiCore

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
  var keywords: [Keyword] = [] {
    didSet {
      ordered.deallocate()
      ordered = .allocate(capacity: keywords.count)
      _ = ordered.initialize(from: keywords.map { Unmanaged.passUnretained($0) })
    }
  }
  /// The same keywords as `evaluate` calls them: unretained (`keywords` owns them). Several
  /// threads evaluate one schema, and retaining its shared keywords on every call made their
  /// reference counts bounce between the cores.
  private var ordered = UnsafeMutableBufferPointer<Unmanaged<Keyword>>.allocate(capacity: 0)
  /// True when a keyword of this node reads annotations (unevaluatedProperties/Items).
  var collectsAnnotations = false

  init(absoluteLocation: String, resource: Int, constant: Bool?) {
    self.absoluteLocation = absoluteLocation
    self.resource = resource
    self.constant = constant
  }

  deinit { ordered.deallocate() }

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
    let ordered = self.ordered
    for index in 0..<ordered.count
    where !ordered[index]._withUnsafeGuaranteedRef({ $0.evaluate(instance, view, self, &context, &local) }) {
      valid = false
      if !context.verbose { return false }
    }
    if valid, annotations != nil, let local { annotations!.merge(local) }
    return valid
  }
}
