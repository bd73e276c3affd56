import RenkeiCore

/// `enum` (Validation §6.1.2) and `const` (§6.1.3): the value equals one of the given values.
/// String values, the common case, are looked up by their bytes.
final class EnumKeyword: Keyword {
  let name: String
  let values: [JSONValue]
  private let strings: KeyTable<Void>
  private let onlyStrings: Bool
  private let allowedText: String

  init(name: String, values: [JSONValue]) {
    self.name = name
    self.values = values
    strings = KeyTable(values.compactMap { $0.string.map { ($0, ()) } })
    onlyStrings = values.allSatisfy { $0.kind == .string }
    let writer = JSONWriter()
    let shown = values.prefix(10).map { writer.string($0) }
    allowedText = shown.joined(separator: ", ") + (values.count > 10 ? ", …" : "")
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    if view.isString(instance) {
      if strings.position(ofKey: instance, view) != nil { return true }
    } else if !onlyStrings {
      let value = view.value(instance)
      for allowed in values where JSONSchemaEquality.equal(allowed, value) { return true }
    }
    guard context.verbose else { return false }
    let found = String(JSONWriter().string(view.value(instance)).prefix(80))
    context.fail(
      name, node, view.value(instance),
      name == "const"
        ? "The value must be \(allowedText); found \(found)."
        : "The value must be one of \(allowedText); found \(found).",
      ["allowed": allowedText, "found": found])
    return false
  }
}
