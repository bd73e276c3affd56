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
  mutating func fail(
    _ keyword: String, _ node: SchemaNode, _ instance: JSONValue, _ message: String,
    _ arguments: [String: String] = [:]
  ) {
    guard verbose else { return }
    path.append(keyword)
    errors.append(
      SchemaOutputUnit(
        keyword: keyword, keywordLocation: keywordLocation,
        absoluteKeywordLocation: node.absoluteLocation + "/" + escapePointerToken(keyword), instance: instance,
        message: message, arguments: arguments, depth: path.count))
    path.removeLast()
  }

  /// Evaluates `node` against `instance` under the extra keyword path `segments`.
  mutating func descend(
    _ node: SchemaNode, _ instance: JSONValue, _ segments: String..., annotations: inout Annotations?
  ) -> Bool {
    if verbose { path.append(contentsOf: segments) }
    let valid = node.evaluate(instance, &self, &annotations)
    if verbose { path.removeLast(segments.count) }
    return valid
  }

  /// The same without annotations.
  mutating func descend(_ node: SchemaNode, _ instance: JSONValue, _ segments: String...) -> Bool {
    var none: Annotations? = nil
    if verbose { path.append(contentsOf: segments) }
    let valid = node.evaluate(instance, &self, &none)
    if verbose { path.removeLast(segments.count) }
    return valid
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
