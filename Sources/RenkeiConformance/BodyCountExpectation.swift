import RenkeiCore

/// `expect.body.count`: the body is a JSON array of exactly this many elements.
public struct BodyCountExpectation: Expectation {
  public var count: Int
  public var id: String { "body:count" }

  public init(_ count: Int) { self.count = count }

  public func check(_ response: ObservedResponse) -> CheckFailure? {
    guard let elements = response.json?.elements else {
      return CheckFailure(check: id, expected: "an array of \(count)", actual: response.bodySummary)
    }
    if elements.count == count { return nil }
    return CheckFailure(check: id, expected: "\(count) elements", actual: "\(elements.count): \(response.bodySummary)")
  }

  public func mutations(of response: ObservedResponse) -> [ResponseMutation] {
    guard let elements = response.json?.elements else { return [] }
    let changed = elements.isEmpty ? [JSONTree.string("renkei-mutated")] : Array(elements.dropLast())
    return [.replaceBody(JSONTree.array(changed).text())]
  }
}
