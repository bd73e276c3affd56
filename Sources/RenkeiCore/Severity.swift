/// How much a finding matters. Only `error` makes a run fail.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case error
  case warning
  case info

  private var rank: Int {
    switch self {
    case .error: return 0
    case .warning: return 1
    case .info: return 2
    }
  }

  /// Errors sort first.
  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
