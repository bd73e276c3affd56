import RenkeiCore

/// The output formats `renkei` can write, as named on the command line (`--format sarif`).
/// The command line parses one with `ReportFormat(rawValue:)` and asks it for its reporter.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
  /// Compiler-style lines for people at a terminal.
  case text
  /// renkei's own versioned JSON (schema: `JSONReporter.schemaURL`), for scripts.
  case json
  /// JUnit XML, for CI servers' test views (Jenkins, GitLab, GitHub test reporters).
  case junit
  /// SARIF 2.1.0, for code-scanning views (GitHub code scanning, IDE SARIF viewers).
  case sarif
  /// GitHub-flavoured Markdown, for pull-request comments and job summaries.
  case markdown

  /// The reporter for this format.
  /// - Parameters:
  ///   - colour: ANSI colour for `text`; decide it with `TextReporter.shouldUseColour`.
  ///     Ignored by the other formats, which are never coloured.
  ///   - rules: the rule catalogue, when known; SARIF describes each rule from it.
  public func reporter(colour: Bool = false, rules: [Rule] = []) -> any Reporter {
    switch self {
    case .text: return TextReporter(colour: colour)
    case .json: return JSONReporter()
    case .junit: return JUnitReporter()
    case .sarif: return SARIFReporter(rules: rules)
    case .markdown: return MarkdownReporter()
    }
  }

  /// The conventional file name extension, without the dot (for `--output` defaults).
  public var fileExtension: String {
    switch self {
    case .text: return "txt"
    case .json: return "json"
    case .junit: return "xml"
    case .sarif: return "sarif"
    case .markdown: return "md"
    }
  }
}
