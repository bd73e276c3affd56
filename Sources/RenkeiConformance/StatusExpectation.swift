import RenkeiCore

/// `expect.status`: one code or a list of acceptable codes.
public struct StatusExpectation: Expectation {
  public var allowed: [Int]
  public var id: String { "status" }

  public init(_ allowed: [Int]) { self.allowed = allowed }

  public func check(_ response: ObservedResponse) -> CheckFailure? {
    if allowed.contains(response.status) { return nil }
    let expected = allowed.map(String.init).joined(separator: " or ")
    return CheckFailure(check: id, expected: expected, actual: "\(response.status) \(response.bodySummary)")
  }

  public func mutations(of response: ObservedResponse) -> [ResponseMutation] {
    // A teapot is never a right answer in these APIs; fall back if a case expects one.
    [.status(allowed.contains(418) ? 599 : 418)]
  }
}
