import RenkeiCore

/// The keywords that bound a count: `maxLength` / `minLength` (Validation §6.3.1-2, code points),
/// `maxItems` / `minItems` (§6.4.1-2), `maxProperties` / `minProperties` (§6.5.1-2).
final class CountKeyword: Keyword {
  enum Measure {
    case characters, items, members

    var noun: String {
      switch self {
      case .characters: return "characters"
      case .items: return "elements"
      case .members: return "members"
      }
    }

    var subject: String {
      switch self {
      case .characters: return "string"
      case .items: return "array"
      case .members: return "object"
      }
    }
  }

  let name: String
  let limit: Int
  let isMaximum: Bool
  let measure: Measure

  init(name: String, limit: Int) {
    self.name = name
    self.limit = limit
    self.isMaximum = name.hasPrefix("max")
    switch name {
    case "maxLength", "minLength": measure = .characters
    case "maxItems", "minItems": measure = .items
    default: measure = .members
    }
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    let count: Int
    switch measure {
    case .characters:
      guard view.isString(instance) else { return true }
      count = view.length(instance)
    case .items:
      guard view.isArray(instance) else { return true }
      count = view.count(instance)
    case .members:
      guard view.isObject(instance) else { return true }
      count = view.count(instance)
    }
    if isMaximum ? count <= limit : count >= limit { return true }
    context.fail(
      name, node, view.value(instance),
      "The \(measure.subject) has \(count) \(measure.noun); \(isMaximum ? "at most" : "at least") \(limit) are allowed.",
      ["count": String(count), "limit": String(limit)])
    return false
  }
}
