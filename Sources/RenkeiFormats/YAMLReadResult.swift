import RenkeiCore

/// The JSON documents of a YAML stream and the findings about it.
public struct YAMLReadResult: Sendable {
  /// The documents in stream order: `documents[i]` is document `i + 1`. Reading stops at the
  /// first fatal finding (syntax, encoding, nesting depth, alias expansion) and that document
  /// is left out, so the numbering never has gaps.
  public var documents: [JSONDocument]
  /// Findings in reading order; each carries the 1-based number of its document.
  public var findings: [Finding]

  public init(documents: [JSONDocument], findings: [Finding]) {
    self.documents = documents
    self.findings = findings
  }

  /// True when a finding is an error.
  public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}
