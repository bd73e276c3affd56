import RenkeiCore

/// The checks of one `expect` mapping (already template-expanded), in a fixed order: status,
/// headers in case order, then body checks.
public struct ExpectationSet: Sendable {
  public var expectations: [any Expectation]

  public init(_ expectations: [any Expectation]) { self.expectations = expectations }

  public struct DefinitionError: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  public init(_ tree: JSONTree?) throws(DefinitionError) {
    var list: [any Expectation] = []
    guard let tree else {
      self.expectations = []
      return
    }
    if let status = tree["status"] {
      let codes = (status.elements ?? [status]).compactMap { Int($0.scalarText) }
      guard !codes.isEmpty else { throw DefinitionError(description: "status must be a code or a list of codes") }
      list.append(StatusExpectation(codes))
    }
    for (name, spec) in tree["headers"]?.members ?? [] {
      if case .string(let text) = spec {
        list.append(HeaderExpectation(name: name, kind: .equals(text)))
        continue
      }
      guard let members = spec.members, !members.isEmpty else {
        throw DefinitionError(description: "header \(name): use equals, contains, regex, present or absent")
      }
      for (kind, value) in members {
        switch kind {
        case "equals": list.append(HeaderExpectation(name: name, kind: .equals(value.scalarText)))
        case "contains": list.append(HeaderExpectation(name: name, kind: .contains(value.scalarText)))
        case "regex": list.append(HeaderExpectation(name: name, kind: .regex(value.scalarText)))
        case "present":
          list.append(HeaderExpectation(name: name, kind: value == .bool(false) ? .absent : .present))
        case "absent":
          list.append(HeaderExpectation(name: name, kind: value == .bool(false) ? .present : .absent))
        default: throw DefinitionError(description: "header \(name): unknown check \(kind)")
        }
      }
    }
    if let body = tree["body"] {
      if let empty = body["empty"] { list.append(EmptyBodyExpectation(empty == .bool(true))) }
      if body["json"] == .bool(true) { list.append(JSONBodyExpectation()) }
      if let problem = body["problem"] { list.append(ProblemExpectation(problem.scalarText)) }
      if let count = body["count"] {
        guard let number = Int(count.scalarText) else {
          throw DefinitionError(description: "body.count must be a number")
        }
        list.append(BodyCountExpectation(number))
      }
      if let subset = body["subset"] { list.append(BodySubsetExpectation(subset)) }
      if let exact = body["exact"] {
        let ignore = Set((body["ignore"]?.elements ?? []).map(\.scalarText))
        list.append(BodyExactExpectation(exact, ignore: ignore, unordered: body["unordered"] == .bool(true)))
      }
      if let schema = body["schema"] { list.append(BodySchemaExpectation(schema)) }
      for pointer in body["present"]?.elements ?? [] {
        list.append(PointerExpectation(pointer.scalarText, present: true))
      }
      for pointer in body["absent"]?.elements ?? [] {
        list.append(PointerExpectation(pointer.scalarText, present: false))
      }
    }
    self.expectations = list
  }

  public func check(_ response: ObservedResponse) -> [CheckFailure] {
    expectations.compactMap { $0.check(response) }
  }

  /// Every mutation the checks must notice, without duplicates, in check order.
  public func mutations(of response: ObservedResponse) -> [ResponseMutation] {
    var out: [ResponseMutation] = []
    for expectation in expectations {
      for mutation in expectation.mutations(of: response) where !out.contains(mutation) { out.append(mutation) }
    }
    return out
  }
}
