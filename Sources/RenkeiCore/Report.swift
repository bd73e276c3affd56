/// The outcome of one run over a set of inputs: what was read and what was found.
/// Reporters render it; the command line derives the exit code from it.
public struct Report: Sendable, Hashable {
  /// One input file (or other subject, such as a URL) and its findings.
  public struct Subject: Sendable, Hashable {
    public var path: String
    /// The detected format, e.g. "json", "jsonl", "yaml", "xml".
    public var format: String
    /// How many items were checked: documents (JSON Lines, YAML streams), rows, elements.
    public var itemCount: Int
    public var findings: [Finding]

    public init(path: String, format: String, itemCount: Int, findings: [Finding]) {
      self.path = path
      self.format = format
      self.itemCount = itemCount
      self.findings = findings
    }

    public var errorCount: Int { findings.count { $0.severity == .error } }
    public var warningCount: Int { findings.count { $0.severity == .warning } }
    public var infoCount: Int { findings.count { $0.severity == .info } }
    public var passed: Bool { errorCount == 0 }
  }

  /// The command that produced the report, e.g. "validate".
  public var command: String
  public var toolVersion: String
  public var subjects: [Subject]

  public init(command: String, toolVersion: String, subjects: [Subject]) {
    self.command = command
    self.toolVersion = toolVersion
    self.subjects = subjects
  }

  public var findings: [Finding] { subjects.flatMap(\.findings) }
  public var errorCount: Int { subjects.reduce(0) { $0 + $1.errorCount } }
  public var warningCount: Int { subjects.reduce(0) { $0 + $1.warningCount } }
  public var infoCount: Int { subjects.reduce(0) { $0 + $1.infoCount } }
  public var passed: Bool { errorCount == 0 }

  /// Rules that fired, with counts, most frequent first (ties by id).
  public var countsByRule: [(ruleID: String, count: Int)] {
    var counts: [String: Int] = [:]
    for finding in findings { counts[finding.ruleID, default: 0] += 1 }
    return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .map { ($0.key, $0.value) }
  }
}

/// The renkei version written into reports.
public enum RenkeiVersion {
  public static let current = "0.1.0"
}
