import RenkeiCore

/// What checking one XML document found.
public struct XMLValidationResult: Sendable {
  /// Elements read (up to the first well-formedness error).
  public var elementCount: Int
  /// Findings in document order; libxml2 stops at the first well-formedness error, while
  /// schema violations are all reported (up to the validator's `maxFindings`).
  public var findings: [Finding]

  public init(elementCount: Int, findings: [Finding]) {
    self.elementCount = elementCount
    self.findings = findings
  }

  /// True when no finding is an error: well-formed and, if a schema was given, valid.
  public var isValid: Bool { !findings.contains { $0.severity == .error } }
}
