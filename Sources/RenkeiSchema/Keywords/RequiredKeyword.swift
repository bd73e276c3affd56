import RenkeiCore

/// `required` (Validation §6.5.3): the object must have these members.
final class RequiredKeyword: Keyword {
  let name = "required"
  let names: [String]

  init(_ names: [String]) { self.names = names }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard instance.kind == .object, !names.isEmpty else { return true }
    let present = Set(instance.members.map(\.key))
    let missing = names.filter { !present.contains($0) }
    guard missing.isEmpty else {
      context.fail(
        name, node, instance,
        "Required member\(missing.count > 1 ? "s" : "") \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) \(missing.count > 1 ? "are" : "is") missing.",
        ["missing": missing.joined(separator: ",")])
      return false
    }
    return true
  }
}

/// `dependentRequired` (Validation §6.5.4), and the array form of draft 4-7 `dependencies`:
/// when a member is present, these other members must be present too.
final class DependentRequiredKeyword: Keyword {
  let name: String
  let requirements: [String: [String]]

  init(name: String, _ requirements: [String: [String]]) {
    self.name = name
    self.requirements = requirements
  }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard instance.kind == .object else { return true }
    let present = Set(instance.members.map(\.key))
    var valid = true
    for key in present.sorted() {
      guard let needed = requirements[key] else { continue }
      let missing = needed.filter { !present.contains($0) }
      if !missing.isEmpty {
        valid = false
        context.fail(
          name, node, instance,
          "Because \"\(key)\" is present, \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) must be present too.",
          ["member": key, "missing": missing.joined(separator: ",")])
        if !context.verbose { return false }
      }
    }
    return valid
  }
}

/// `maxProperties` / `minProperties` (Validation §6.5.1-2).
final class PropertyCountKeyword: Keyword {
  let name: String
  let limit: Int
  let isMaximum: Bool

  init(name: String, limit: Int) {
    self.name = name
    self.limit = limit
    self.isMaximum = name == "maxProperties"
  }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    guard instance.kind == .object else { return true }
    let count = instance.count
    if isMaximum ? count <= limit : count >= limit { return true }
    context.fail(
      name, node, instance,
      "The object has \(count) members; \(isMaximum ? "at most" : "at least") \(limit) are allowed.",
      ["count": String(count), "limit": String(limit)])
    return false
  }
}
