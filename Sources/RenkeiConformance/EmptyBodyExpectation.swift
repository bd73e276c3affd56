import RenkeiCore

/// `expect.body.empty`: true means no body bytes; false means some.
public struct EmptyBodyExpectation: Expectation {
  public var empty: Bool
  public var id: String { "body:empty" }

  public init(_ empty: Bool) { self.empty = empty }

  public func check(_ response: ObservedResponse) -> CheckFailure? {
    let isEmpty = response.message.body.isEmpty
    if isEmpty == empty { return nil }
    return CheckFailure(check: id, expected: empty ? "no body" : "a body", actual: response.bodySummary)
  }

  public func mutations(of response: ObservedResponse) -> [ResponseMutation] {
    // HTTP itself keeps 204 and 304 answers empty: there is no body to add, so nothing to prove.
    if empty && (response.status == 204 || response.status == 304) { return [] }
    return [.replaceBody(empty ? "{\"renkeiMutated\":true}" : "")]
  }
}
