import RenkeiCore

/// `expect.body.present` / `absent`: a JSON Pointer must (not) resolve in the body.
public struct PointerExpectation: Expectation {
  public var pointer: String
  public var present: Bool
  public var id: String { "body:\(present ? "present" : "absent"):\(pointer)" }

  public init(_ pointer: String, present: Bool) {
    self.pointer = pointer
    self.present = present
  }

  public func check(_ response: ObservedResponse) -> CheckFailure? {
    let found = response.json?.resolve(pointer)
    if (found != nil) == present { return nil }
    return CheckFailure(
      check: id, expected: present ? "\(pointer) present" : "no \(pointer)",
      actual: found.map { "\(pointer) = \(ObservedResponse.clip($0.text(), 120))" } ?? response.bodySummary)
  }

  public func mutations(of response: ObservedResponse) -> [ResponseMutation] {
    present ? [.removeMember(pointer)] : [.addMember(pointer)]
  }
}
