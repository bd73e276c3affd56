import RenkeiCore
import RenkeiStringFormats

/// `maxLength` / `minLength` (Validation §6.3.1-2), counted in Unicode code points.
final class LengthKeyword: Keyword {
  let name: String
  let limit: Int
  let isMaximum: Bool

  init(name: String, limit: Int) {
    self.name = name
    self.limit = limit
    self.isMaximum = name == "maxLength"
  }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard let string = instance.string else { return true }
    let length = string.unicodeScalars.count
    if isMaximum ? length <= limit : length >= limit { return true }
    context.fail(
      name, node, instance,
      "The string has \(length) characters; \(isMaximum ? "at most" : "at least") \(limit) are allowed.",
      ["length": String(length), "limit": String(limit)])
    return false
  }
}

/// `pattern` (Validation §6.3.3): an ECMA-262 regular expression that must match somewhere in
/// the string.
final class PatternKeyword: Keyword {
  let name = "pattern"
  let pattern: String
  let regex: RegexMatcher

  init(pattern: String, regex: RegexMatcher) {
    self.pattern = pattern
    self.regex = regex
  }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard let string = instance.string else { return true }
    if regex.matches(string) { return true }
    context.fail(
      name, node, instance, "\"\(string.prefix(80))\" does not match the pattern \(pattern).",
      ["value": String(string.prefix(80)), "pattern": pattern])
    return false
  }
}

/// `format` (Validation §7): an annotation, checked only when format assertion is on
/// (`--assert-format`, or the format-assertion vocabulary). Unknown formats are not checked.
final class FormatKeyword: Keyword {
  let name = "format"
  let format: String
  let known: StringFormat?
  let alwaysAssert: Bool

  init(format: String, alwaysAssert: Bool) {
    self.format = format
    self.known = StringFormat(rawValue: format)
    self.alwaysAssert = alwaysAssert
  }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard context.assertFormat || alwaysAssert, let known, let string = instance.string else { return true }
    if known.isValid(string) { return true }
    context.fail(
      name, node, instance, "\"\(string.prefix(80))\" is not a valid \(format).",
      ["value": String(string.prefix(80)), "format": format])
    return false
  }
}
