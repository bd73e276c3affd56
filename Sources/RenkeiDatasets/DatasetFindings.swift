import RenkeiCore

/// Rewrites the findings of the key checks a dataset plan relies on in the dataset's terms:
/// `unique-error` of a NO/ID column becomes `jp-unique`, citing the NO rule instead of Table
/// Schema. Only used when no Table Schema of the user's is in play.
public enum DatasetFindings {
  public static func rewrite(_ findings: [Finding]) -> [Finding] {
    guard findings.contains(where: { $0.ruleID == "dataset-selected" }) else { return findings }
    return findings.map { finding in
      guard finding.ruleID == "unique-error", let field = finding.arguments["field"] else { return finding }
      var arguments = finding.arguments
      arguments["field"] = field
      var rewritten = DatasetRules.unique.finding(at: finding.location, arguments)
      rewritten.severity = finding.severity
      return rewritten
    }
  }
}
