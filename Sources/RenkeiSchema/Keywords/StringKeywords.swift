import RenkeiCore
import RenkeiRegex
import RenkeiStringFormats

/// `pattern` (Validation §6.3.3): an ECMA-262 regular expression that must match somewhere in
/// the string. A search that exceeds its step budget is reported as undecided, never as a
/// mismatch.
final class PatternKeyword: Keyword {
  let name = "pattern"
  let pattern: String
  let regex: RegexMatcher

  init(pattern: String, regex: RegexMatcher) {
    self.pattern = pattern
    self.regex = regex
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isString(instance) else { return true }
    let string = view.string(instance)
    switch regex.evaluate(string) {
    case .match:
      return true
    case .noMatch:
      context.fail(
        name, node, view.value(instance), "\"\(string.prefix(80))\" does not match the pattern \(pattern).",
        ["value": String(string.prefix(80)), "pattern": pattern])
    case .budgetExceeded:
      context.fail(
        name, node, view.value(instance),
        "Could not decide whether the string matches \(pattern): the search exceeded its step budget.",
        ["pattern": pattern])
    }
    return false
  }
}

/// `format` (Validation §7): an annotation, checked only when format assertion is on
/// (`--assert-format`, or the format-assertion vocabulary). Unknown formats are not checked.
final class FormatKeyword: Keyword {
  let name = "format"
  let format: String
  let known: StringFormat?
  let draft: StringFormat.Draft
  let alwaysAssert: Bool

  init(format: String, dialect: Dialect, alwaysAssert: Bool) {
    self.format = format
    self.draft = dialect.formatDraft
    let candidate = StringFormat(rawValue: format)
    // A format the dialect does not define (duration in draft 7) is unknown there.
    self.known = candidate.flatMap { $0.introducedIn <= dialect.formatDraft ? $0 : nil }
    self.alwaysAssert = alwaysAssert
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard context.assertFormat || alwaysAssert, let known, view.isString(instance) else { return true }
    let string = view.string(instance)
    if known.isValid(string, draft: draft) { return true }
    context.fail(
      name, node, view.value(instance), "\"\(string.prefix(80))\" is not a valid \(format).",
      ["value": String(string.prefix(80)), "format": format])
    return false
  }
}

extension Dialect {
  var formatDraft: StringFormat.Draft {
    switch self {
    case .draft4: return .draft4
    case .draft6: return .draft6
    case .draft7: return .draft7
    case .draft2019_09: return .draft2019_09
    case .draft2020_12: return .draft2020_12
    }
  }
}
