import RenkeiRegex

/// `regex` (JSON Schema 2020-12 Validation §7.3.8): a regular expression valid in the ECMA-262 dialect, with the
/// `u` flag as JSON Schema patterns are Unicode. Parsed by RenkeiRegex (``ECMARegex/isValid(_:)``), which counts
/// a valid pattern using a feature it does not implement as valid.
enum RegexFormat {
  static func isValid(_ value: String) -> Bool { ECMARegex.isValid(value) }
}
