/// One problem (or remark) about the input. Findings are values: checks return them,
/// reporters render them, and only the command line turns them into an exit code.
public struct Finding: Sendable, Hashable, Codable {
  /// Stable kebab-case id of the rule, e.g. "json-duplicate-key".
  public var ruleID: String
  public var severity: Severity
  /// What is wrong, in English (rendered from the rule's template and `arguments`).
  public var message: String
  /// How to fix it.
  public var fixHint: String?
  public var location: SourceLocation
  public var spec: SpecReference?
  /// The values substituted into the templates, kept so a report can be re-rendered in
  /// another language from the rule id alone.
  public var arguments: [String: String]

  public init(
    ruleID: String, severity: Severity, message: String, fixHint: String? = nil,
    location: SourceLocation, spec: SpecReference? = nil, arguments: [String: String] = [:]
  ) {
    self.ruleID = ruleID
    self.severity = severity
    self.message = message
    self.fixHint = fixHint
    self.location = location
    self.spec = spec
    self.arguments = arguments
  }
}

extension Finding {
  /// Deterministic report order: file, then position, then rule.
  public static func sortedForReport(_ findings: [Finding]) -> [Finding] {
    findings.enumerated().sorted { a, b in
      let l = a.element.location
      let r = b.element.location
      if (l.file ?? "") != (r.file ?? "") { return (l.file ?? "") < (r.file ?? "") }
      let lk = [l.document ?? 0, l.line ?? 0, l.row ?? 0, l.column ?? 0]
      let rk = [r.document ?? 0, r.line ?? 0, r.row ?? 0, r.column ?? 0]
      if lk != rk { return lk.lexicographicallyPrecedes(rk) }
      return a.offset < b.offset
    }.map(\.element)
  }
}
