import RenkeiCore

/// `expect.body.json: true`: the body is one JSON value.
public struct JSONBodyExpectation: Expectation {
  public var id: String { "body:json" }

  public init() {}

  public func check(_ response: ObservedResponse) -> CheckFailure? {
    response.json == nil ? CheckFailure(check: id, expected: "a JSON body", actual: response.bodySummary) : nil
  }

  public func mutations(of response: ObservedResponse) -> [ResponseMutation] {
    [.replaceBody("{\"renkei\": ")]
  }
}
