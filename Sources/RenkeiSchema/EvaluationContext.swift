import Foundation
import RenkeiCore

/// The state of one validation: the dynamic scope, and in verbose mode the keyword path
/// followed so far and the failures found.
struct EvaluationContext {
  let verbose: Bool
  let assertFormat: Bool
  let schema: CompiledSchema
  var errors: [SchemaOutputUnit] = []
  /// Schema resources entered, outermost first (for `$dynamicRef` and `$recursiveRef`).
  var dynamicScope: [Int] = []
  /// Keyword path from the root (verbose only).
  var path: [String] = []

  init(schema: CompiledSchema, verbose: Bool, assertFormat: Bool) {
    self.schema = schema
    self.verbose = verbose
    self.assertFormat = assertFormat
  }

  var keywordLocation: String { path.map { "/" + escapePointerToken($0) }.joined() }

  /// Records a failure of `keyword` of `node` at `instance` (verbose only).
  /// Everything but the keyword is built only in verbose mode: failures are common on the fast
  /// path (every rejected anyOf/oneOf branch), and their messages are not needed there.
  mutating func fail(
    _ keyword: String, _ node: SchemaNode, _ instance: @autoclosure () -> JSONValue,
    _ message: @autoclosure () -> String, _ arguments: @autoclosure () -> [String: String] = [:]
  ) {
    guard verbose else { return }
    let instance = instance()
    let message = message()
    let arguments = arguments()
    path.append(keyword)
    errors.append(
      SchemaOutputUnit(
        keyword: keyword, keywordLocation: keywordLocation,
        absoluteKeywordLocation: node.absoluteLocation + "/" + escapePointerToken(keyword), instance: instance,
        message: message, arguments: arguments, depth: path.count))
    path.removeLast()
  }

  /// Evaluates `node` against `instance` under the extra keyword path `keyword` (and `detail`,
  /// built only in verbose mode: the hot path allocates nothing for locations).
  @inline(__always)
  mutating func descend(
    _ node: SchemaNode, _ instance: Int, _ view: InstanceView, _ keyword: String,
    _ detail: @autoclosure () -> String? = nil, annotations: inout Annotations?
  ) -> Bool {
    guard verbose else { return node.evaluate(instance, view, &self, &annotations) }
    path.append(keyword)
    let extra = detail()
    if let extra { path.append(extra) }
    let valid = node.evaluate(instance, view, &self, &annotations)
    path.removeLast(extra == nil ? 1 : 2)
    return valid
  }

  /// The same for a node held unretained (`UnretainedNodes`).
  @inline(__always)
  mutating func descend(
    _ node: Unmanaged<SchemaNode>, _ instance: Int, _ view: InstanceView, _ keyword: String,
    _ detail: @autoclosure () -> String? = nil, annotations: inout Annotations?
  ) -> Bool {
    node._withUnsafeGuaranteedRef { descend($0, instance, view, keyword, detail(), annotations: &annotations) }
  }

  /// The same without annotations.
  @inline(__always)
  mutating func descend(
    _ node: SchemaNode, _ instance: Int, _ view: InstanceView, _ keyword: String,
    _ detail: @autoclosure () -> String? = nil
  ) -> Bool {
    var none: Annotations? = nil
    return descend(node, instance, view, keyword, detail(), annotations: &none)
  }

  /// The same for a node held unretained, without annotations.
  @inline(__always)
  mutating func descend(
    _ node: Unmanaged<SchemaNode>, _ instance: Int, _ view: InstanceView, _ keyword: String,
    _ detail: @autoclosure () -> String? = nil
  ) -> Bool {
    var none: Annotations? = nil
    return descend(node, instance, view, keyword, detail(), annotations: &none)
  }

  /// When no alternative of anyOf/oneOf matched, keeps only the failures of the closest one:
  /// the branch that got deepest into the instance (then the one with fewest failures). The
  /// others mostly say "wrong type" and would bury the useful explanation.
  mutating func keepClosestBranch(since mark: Int, _ branches: [(alternative: Int, errors: [SchemaOutputUnit])]) {
    guard verbose else { return }
    discardErrors(since: mark)
    if let closest = EvaluationContext.closest(branches) { errors += closest.errors }
  }

  /// " (closest: alternative 2)" for messages, or "".
  func closestNote(_ branches: [(alternative: Int, errors: [SchemaOutputUnit])]) -> String {
    guard verbose, branches.count > 1, let closest = EvaluationContext.closest(branches) else { return "" }
    return " (closest: alternative \(closest.alternative))"
  }

  static func closest(_ branches: [(alternative: Int, errors: [SchemaOutputUnit])]) -> (
    alternative: Int, errors: [SchemaOutputUnit]
  )? {
    func depth(_ errors: [SchemaOutputUnit]) -> Int { errors.map { $0.instance.pointer.tokens.count }.max() ?? 0 }
    return branches.min { a, b in
      let (da, db) = (depth(a.errors), depth(b.errors))
      return da != db ? da > db : a.errors.count < b.errors.count
    }
  }

  /// Drops failures recorded since `mark` (a branch that did not decide the outcome).
  mutating func discardErrors(since mark: Int) {
    if verbose && errors.count > mark { errors.removeSubrange(mark...) }
  }
}

func escapePointerToken(_ token: String) -> String {
  guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
  return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}
