import RenkeiCore

/// The outcome of one case. `error` (no usable answer) is kept apart from `failed` (a wrong
/// answer): a platform that is down is not a platform that breaks the spec.
public enum Verdict: Sendable, Equatable {
  case passed
  case failed([CheckFailure])
  /// Transport problem, timeout, or a case that could not be prepared (template, fixture).
  case error(String)
  /// A required feature is not selected, or a tag filter excluded the case.
  case skipped(String)
  /// Outside the selected spec version.
  case notApplicable(String)
  /// The run deadline passed before the case finished.
  case notRun(String)

  /// Stable name used in every report.
  public var name: String {
    switch self {
    case .passed: return "passed"
    case .failed: return "failed"
    case .error: return "error"
    case .skipped: return "skipped"
    case .notApplicable: return "notApplicable"
    case .notRun: return "notRun"
    }
  }

  /// Failed, error or not run: the run did not show the platform conforms.
  public var isProblem: Bool {
    switch self {
    case .failed, .error, .notRun: return true
    default: return false
    }
  }

  public var reason: String {
    switch self {
    case .passed: return ""
    case .failed(let failures):
      return failures.map { "\($0.check): expected \($0.expected), got \($0.actual)" }.joined(separator: "; ")
    case .error(let text), .skipped(let text), .notApplicable(let text), .notRun(let text): return text
    }
  }
}
