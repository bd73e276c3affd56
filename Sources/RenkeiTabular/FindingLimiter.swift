import RenkeiCore

/// Keeps a file's report readable when a rule fires thousands of times (a file in the wrong
/// encoding, a binary file): the first `limit` findings of each rule are kept, the others are
/// counted, and each rule that went over gets one finding saying how many were not listed.
struct FindingLimiter: Sendable {
  let limit: Int
  private var kept: [String: Int] = [:]
  private var dropped: [String: (count: Int, severity: Severity)] = [:]

  init(limit: Int) { self.limit = limit > 0 ? limit : .max }

  /// Whether to keep `finding` (counted either way).
  mutating func admit(_ finding: Finding) -> Bool {
    let count = kept[finding.ruleID, default: 0]
    if count < limit {
      kept[finding.ruleID] = count + 1
      return true
    }
    dropped[finding.ruleID, default: (0, finding.severity)].count += 1
    return false
  }

  /// Whether findings of `rule` are no longer kept (so they need not even be made).
  func isFull(_ rule: String) -> Bool { kept[rule, default: 0] >= limit }

  /// Counts a finding of `rule` that was not made because the rule is full.
  mutating func drop(_ rule: Rule, count: Int = 1) {
    guard count > 0 else { return }
    dropped[rule.id, default: (0, rule.severity)].count += count
  }

  /// Counts findings another limiter dropped.
  mutating func absorb(_ other: FindingLimiter) {
    for (rule, entry) in other.dropped { dropped[rule, default: (0, entry.severity)].count += entry.count }
  }

  /// One finding per rule that went over the limit, with the rule's severity.
  func summaries(file: String?) -> [Finding] {
    dropped.sorted { $0.key < $1.key }.map { rule, entry in
      var finding = TabularRules.findingsLimited.finding(
        at: SourceLocation(file: file),
        ["rule": rule, "count": Quantity.format(entry.count), "limit": Quantity.format(limit)])
      finding.severity = entry.severity
      return finding
    }
  }
}
