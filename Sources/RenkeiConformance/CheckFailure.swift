import RenkeiCore

/// One expectation that did not hold: which check (stable id), what it wanted, what it got.
public struct CheckFailure: Sendable, Equatable {
  /// Stable id, e.g. `status`, `header:Location:equals`, `then.1.body:subset`.
  public var check: String
  public var expected: String
  public var actual: String

  public init(check: String, expected: String, actual: String) {
    self.check = check
    self.expected = expected
    self.actual = actual
  }

  /// The same failure seen from a step (`setup.1`, `then.2`, `notification.1`).
  func prefixed(_ step: String) -> CheckFailure {
    step.isEmpty ? self : CheckFailure(check: step + "." + check, expected: expected, actual: actual)
  }
}
