import RenkeiCore

/// A keyword compiled for evaluation. Each keyword's file says which clause it implements, and
/// each names itself as written in the schema (`name`, the last segment of its location).
/// A class rather than a protocol so that nodes can call their keywords unretained
/// (`Unmanaged` takes classes, not existentials). Unchecked: keywords are immutable once
/// compiled.
class Keyword: @unchecked Sendable {
  /// Whether `instance` satisfies the keyword; records failures in verbose mode, and the
  /// properties or items it evaluated when `annotations` is non-nil.
  func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    fatalError("\(type(of: self)) does not evaluate")
  }
}
