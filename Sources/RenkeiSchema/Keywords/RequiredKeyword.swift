import RenkeiCore

/// `required` (Validation §6.5.3): the object must have these members.
final class RequiredKeyword: Keyword {
  let name = "required"
  let names: KeyTable<Void>

  init(_ names: [String]) { self.names = KeyTable(names.map { ($0, ()) }) }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isObject(instance) else { return true }
    if names.allPresent(in: instance, view) { return true }
    let missing = names.missing(from: instance, view)
    guard missing.isEmpty else {
      context.fail(
        name, node, view.value(instance), "Required \(Phrase.members(missing).lowercasedFirst) missing.",
        ["missing": missing.joined(separator: ",")])
      return false
    }
    return true
  }
}

/// `dependentRequired` (Validation §6.5.4), and the array form of `dependencies`: when a
/// member is present, these other members must be present too.
final class DependentRequiredKeyword: Keyword {
  let name: String
  let requirements: KeyTable<KeyTable<Void>>

  init(name: String, _ requirements: [(String, [String])]) {
    self.name = name
    self.requirements = KeyTable(requirements.map { ($0.0, KeyTable($0.1.map { ($0, ()) })) })
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isObject(instance) else { return true }
    var valid = true
    view.forEachMember(instance) { key, _ in
      guard valid || context.verbose, let position = requirements.position(ofKey: key, view) else { return }
      let needed = requirements.value(at: position)
      if !needed.allPresent(in: instance, view) {
        valid = false
        let missing = needed.missing(from: instance, view)
        let member = requirements.name(at: position)
        context.fail(
          name, node, view.value(instance),
          "Because \"\(member)\" is present, \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) must be present too.",
          ["member": member, "missing": missing.joined(separator: ",")])
      }
    }
    return valid
  }
}
