import RenkeiCore

/// A case, its verdict and the exchanges that led to it.
public struct CaseResult: Sendable {
  public var testCase: TestCase
  public var verdict: Verdict
  public var exchanges: [Exchange]
  public var milliseconds: Int

  public init(testCase: TestCase, verdict: Verdict, exchanges: [Exchange] = [], milliseconds: Int = 0) {
    self.testCase = testCase
    self.verdict = verdict
    self.exchanges = exchanges
    self.milliseconds = milliseconds
  }
}
