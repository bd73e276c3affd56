import RenkeiCore

/// `expect.body.exact`: the answer equals the expected value, member order and `ignore`d names
/// aside (server-set fields such as createdAt).
public struct BodyExactExpectation: Expectation {
  public var expected: JSONTree
  public var ignore: Set<String>
  public var unordered: Bool
  public var id: String { "body:exact" }

  public init(_ expected: JSONTree, ignore: Set<String> = [], unordered: Bool = false) {
    self.expected = expected
    self.ignore = ignore
    self.unordered = unordered
  }

  public func check(_ response: ObservedResponse) -> CheckFailure? {
    guard let json = response.json else {
      return CheckFailure(check: id, expected: expected.text(), actual: response.bodySummary)
    }
    guard let mismatch = JSONMatching.exactMismatch(expected, json, at: "", ignore: ignore, unordered: unordered)
    else { return nil }
    return CheckFailure(
      check: id, expected: "\(mismatch.pointer.isEmpty ? "/" : mismatch.pointer) = \(mismatch.expected)",
      actual: mismatch.actual)
  }

  public func mutations(of response: ObservedResponse) -> [ResponseMutation] {
    guard let json = response.json else { return [] }
    return JSONMatching.leaves(of: json, ignore: ignore).map { .alterMember($0) }
  }
}
