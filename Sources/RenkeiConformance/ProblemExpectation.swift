import RenkeiCore

/// `expect.body.problem`: an RFC 7807 ProblemDetails object whose `type` is the given NGSI-LD
/// error type (short names are under https://uri.etsi.org/ngsi-ld/errors/).
public struct ProblemExpectation: Expectation {
  public static let errorBase = "https://uri.etsi.org/ngsi-ld/errors/"
  public var type: String
  public var id: String { "body:problem" }

  public init(_ type: String) {
    self.type = type.contains(":") ? type : Self.errorBase + type
  }

  public func check(_ response: ObservedResponse) -> CheckFailure? {
    guard let json = response.json, json.members != nil else {
      return CheckFailure(check: id, expected: "ProblemDetails of type \(type)", actual: response.bodySummary)
    }
    guard json["type"]?.string == type else {
      return CheckFailure(
        check: id, expected: "type \(type)", actual: json["type"].map { $0.text() } ?? "no type member")
    }
    return nil
  }

  public func mutations(of response: ObservedResponse) -> [ResponseMutation] {
    [.alterMember("/type")]
  }
}
