import RenkeiCore

/// `enum` (Validation §6.1.2) and `const` (§6.1.3): the value equals one of the given values.
final class EnumKeyword: Keyword {
  let name: String
  let values: [JSONValue]
  private let allowedText: String

  init(name: String, values: [JSONValue]) {
    self.name = name
    self.values = values
    let writer = JSONWriter()
    let shown = values.prefix(10).map { writer.string($0) }
    allowedText = shown.joined(separator: ", ") + (values.count > 10 ? ", …" : "")
  }

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    for value in values where JSONSchemaEquality.equal(value, instance) { return true }
    let found = String(JSONWriter().string(instance).prefix(80))
    context.fail(
      name, node, instance,
      name == "const" ? "The value must be \(allowedText); found \(found)." : "The value must be one of \(allowedText); found \(found).",
      ["allowed": allowedText, "found": found])
    return false
  }
}
