import RenkeiCore
import RenkeiRegex

/// `expect.headers.<Name>`: present, absent, equals, contains or regex (searched, ECMA-262).
public struct HeaderExpectation: Expectation {
  public enum Kind: Sendable, Equatable {
    case present
    case absent
    case equals(String)
    case contains(String)
    case regex(String)

    var name: String {
      switch self {
      case .present: return "present"
      case .absent: return "absent"
      case .equals: return "equals"
      case .contains: return "contains"
      case .regex: return "regex"
      }
    }
  }

  public var name: String
  public var kind: Kind
  public var id: String { "header:\(name):\(kind.name)" }

  public init(name: String, kind: Kind) {
    self.name = name
    self.kind = kind
  }

  public func check(_ response: ObservedResponse) -> CheckFailure? {
    let values = response.headers.values(name)
    let actual = values.isEmpty ? "no \(name) header" : values.joined(separator: ", ")
    switch kind {
    case .present:
      return values.isEmpty ? CheckFailure(check: id, expected: "a \(name) header", actual: actual) : nil
    case .absent:
      return values.isEmpty ? nil : CheckFailure(check: id, expected: "no \(name) header", actual: actual)
    case .equals(let wanted):
      return values.contains(wanted) ? nil : CheckFailure(check: id, expected: wanted, actual: actual)
    case .contains(let wanted):
      return values.contains { $0.contains(wanted) }
        ? nil : CheckFailure(check: id, expected: "containing \(wanted)", actual: actual)
    case .regex(let pattern):
      guard let regex = try? ECMARegex(pattern) else {
        return CheckFailure(check: id, expected: "a valid regex", actual: "invalid regex \(pattern)")
      }
      return values.contains { regex.matches($0) }
        ? nil : CheckFailure(check: id, expected: "matching /\(pattern)/", actual: actual)
    }
  }

  public func mutations(of response: ObservedResponse) -> [ResponseMutation] {
    switch kind {
    case .absent: return [.addHeader(name, "renkei-mutated")]
    default: return [.dropHeader(name)]
    }
  }
}
