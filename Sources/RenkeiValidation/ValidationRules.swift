import RenkeiCore

/// Rules about the inputs themselves, beyond any one syntax.
public enum ValidationRules {
  public static let blankLine = Rule(
    id: "jsonl-blank-line", severity: .warning,
    spec: SpecReference(
      document: "JSON Lines", clause: "Each Line is a Valid JSON Value", url: "https://jsonlines.org/"),
    message: "Blank line: every line of a JSON Lines file must hold one JSON value.",
    fix: "Remove the blank line.")

  public static let notValidated = Rule(
    id: "input-not-validated", severity: .info, spec: nil,
    message: "Not validated: renkei validate does not read this kind of file ({extension}).",
    fix: "Name the format with --input-format if the file is JSON, JSON Lines, YAML or XML.")

  public static let unreadable = Rule(
    id: "input-unreadable", severity: .error, spec: nil,
    message: "The file could not be read: {reason}.",
    fix: "Check that the file exists and is readable.")
}
