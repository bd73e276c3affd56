import RenkeiCore

/// `expect.body.subset`: the answer contains every expected member and element.
public struct BodySubsetExpectation: Expectation {
  public var expected: JSONTree
  public var id: String { "body:subset" }

  public init(_ expected: JSONTree) { self.expected = expected }

  public func check(_ response: ObservedResponse) -> CheckFailure? {
    guard let json = response.json else {
      return CheckFailure(
        check: id, expected: "a JSON body containing \(expected.text())", actual: response.bodySummary)
    }
    var matched: [String] = []
    guard let mismatch = JSONMatching.subsetMismatch(expected, json, at: "", matched: &matched) else { return nil }
    return CheckFailure(
      check: id, expected: "\(mismatch.pointer.isEmpty ? "/" : mismatch.pointer) = \(mismatch.expected)",
      actual: mismatch.actual)
  }

  public func mutations(of response: ObservedResponse) -> [ResponseMutation] {
    guard let json = response.json else { return [] }
    var matched: [String] = []
    _ = JSONMatching.subsetMismatch(expected, json, at: "", matched: &matched)
    return matched.map { .alterMember($0) }
  }
}
