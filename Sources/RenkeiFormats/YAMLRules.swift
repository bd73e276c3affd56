import RenkeiCore

/// The rules the YAML reader enforces, with their English templates. YAML is read as a
/// carrier of JSON data: anything the JSON data model cannot hold is reported, not guessed.
public enum YAMLRules {
  /// A clause of the YAML 1.2.2 specification; `anchor` is the fragment of its heading.
  static func yaml(_ clause: String, _ anchor: String) -> SpecReference {
    SpecReference(document: "YAML 1.2.2", clause: clause, url: "https://yaml.org/spec/1.2.2/#\(anchor)")
  }

  public static let syntax = Rule(
    id: "yaml-syntax", severity: .error,
    spec: yaml("3.3.1", "331-well-formed-streams-and-identified-aliases"),
    message: "YAML syntax error: {problem}{context}.",
    fix: "Correct the YAML syntax here; indentation and a missing ':' or closing bracket are the usual causes.")
  public static let invalidEncoding = Rule(
    id: "yaml-invalid-encoding", severity: .error, spec: yaml("5.2", "52-character-encodings"),
    message: "The input is not valid {encoding}: {problem} (byte {byte}).",
    fix: "Re-save the file as UTF-8 (it may be in a legacy encoding such as Shift_JIS or Latin-1).")
  public static let forbiddenCharacter = Rule(
    id: "yaml-forbidden-character", severity: .error, spec: yaml("5.1", "51-character-set"),
    message: "The character {character} is not allowed in a YAML stream ({problem}).",
    fix: "Remove the control character, or write it as an escape (e.g. \"\\x07\") inside a double-quoted string.")
  public static let tooLarge = Rule(
    id: "yaml-too-large", severity: .error, spec: .rfc8259("9"),
    message: "The YAML stream is larger than {limit} bytes, the most that is read here.",
    fix: "Split the data into several files.")
  public static let tooDeep = Rule(
    id: "yaml-too-deep", severity: .error, spec: .rfc8259("9"),
    message: "Nesting is deeper than the limit of {limit} levels.",
    fix: "Flatten the structure, or raise the limit with --max-depth.")
  public static let aliasExpansionLimit = Rule(
    id: "yaml-alias-expansion-limit", severity: .error, spec: yaml("3.2.2.2", "3222-anchors-and-aliases"),
    message:
      "Expanding the alias *{alias} would make the document larger than {limit} values; the document is rejected.",
    fix:
      "Aliases that repeat large anchored nodes many times (a 'billion laughs' document) are refused; write the data out, or use fewer aliases."
  )
  public static let unknownAlias = Rule(
    id: "yaml-unknown-alias", severity: .error, spec: yaml("7.1", "71-alias-nodes"),
    message: "The alias *{alias} refers to no anchor &{alias} earlier in this document.",
    fix: "Define the anchor (&{alias}) on a node before the alias, in the same document.")
  public static let recursiveAlias = Rule(
    id: "yaml-recursive-alias", severity: .error, spec: yaml("7.1", "71-alias-nodes"),
    message: "The alias *{alias} is inside the node anchored &{alias}; a node cannot contain itself.",
    fix: "Move the alias out of the anchored node.")
  public static let complexKey = Rule(
    id: "yaml-complex-key", severity: .error, spec: yaml("10.2", "102-json-schema"),
    message: "A {kind} is used as a mapping key; JSON member names must be strings. The member is left out.",
    fix: "Use a scalar key, e.g. join the parts into one string.")
  public static let duplicateKey = Rule(
    id: "yaml-duplicate-key", severity: .warning, spec: yaml("3.2.1.1", "3211-nodes"),
    message:
      "Duplicate mapping key \"{key}\" (first at line {firstLine}, column {firstColumn}); receivers may keep either value.",
    fix: "Keep one entry with this key.")
  public static let nonJSONValue = Rule(
    id: "yaml-non-json-value", severity: .error, spec: yaml("10.2.1.4", "10214-floating-point"),
    message: "{value} cannot be represented in JSON: {reason}. It is read as null.",
    fix: "Use null or a string (e.g. \"{value}\") for values that are not finite JSON numbers.")
  public static let tagMismatch = Rule(
    id: "yaml-tag-mismatch", severity: .error, spec: yaml("3.3.3", "333-recognized-and-valid-tags"),
    message: "{value} is not a valid {tag} value.",
    fix: "Remove the {tag} tag, or write a value of that type.")
  public static let unknownTag = Rule(
    id: "yaml-unknown-tag", severity: .warning, spec: yaml("3.3.4", "334-available-tags"),
    message: "The tag {tag} has no JSON meaning and is ignored; the node is read as if untagged.",
    fix:
      "Remove the tag, or use one of the JSON-compatible core tags !!str, !!int, !!float, !!bool, !!null, !!seq, !!map."
  )

  public static let all: [Rule] = [
    syntax, invalidEncoding, forbiddenCharacter, tooLarge, tooDeep, aliasExpansionLimit,
    unknownAlias, recursiveAlias, complexKey, duplicateKey, nonJSONValue, tagMismatch, unknownTag,
  ]
}
