import RenkeiCore

/// `maximum`, `minimum`, `exclusiveMaximum`, `exclusiveMinimum` (Validation §6.2.2-5; in draft 4
/// the exclusive ones are booleans that make `maximum` / `minimum` strict). Compared exactly.
final class BoundKeyword: Keyword {
  let name: String
  let limit: ExactNumber
  let limitText: String
  let isUpper: Bool
  let exclusive: Bool
  private let fastLimit: Double?

  init(name: String, limit: String, isUpper: Bool, exclusive: Bool) {
    self.name = name
    self.limit = ExactNumber(lexeme: limit)
    self.limitText = limit
    self.isUpper = isUpper
    self.exclusive = exclusive
    fastLimit = BoundKeyword.fastDouble(limit)
  }

  /// The double value when it orders exactly like the decimal (at most 15 significant digits).
  static func fastDouble(_ lexeme: String) -> Double? {
    guard lexeme.utf8.count <= 15, !lexeme.utf8.contains(UInt8(ascii: "e")), !lexeme.utf8.contains(UInt8(ascii: "E"))
    else { return nil }
    return Double(lexeme)
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isNumber(instance) else { return true }
    let lexeme = view.lexeme(instance)
    let ok: Bool
    if let fastLimit, let value = BoundKeyword.fastDouble(lexeme) {
      ok =
        isUpper
        ? (exclusive ? value < fastLimit : value <= fastLimit) : (exclusive ? value > fastLimit : value >= fastLimit)
    } else {
      let value = ExactNumber(lexeme: lexeme)
      ok = isUpper ? (exclusive ? value < limit : value <= limit) : (exclusive ? value > limit : value >= limit)
    }
    if ok { return true }
    let relation = isUpper ? (exclusive ? "less than" : "at most") : (exclusive ? "greater than" : "at least")
    context.fail(
      name, node, view.value(instance), "\(lexeme) is out of range: the value must be \(relation) \(limitText).",
      ["value": lexeme, "limit": limitText])
    return false
  }
}

/// `multipleOf` (Validation §6.2.1), exact for decimal fractions (0.3 is a multiple of 0.1).
final class MultipleOfKeyword: Keyword {
  let name = "multipleOf"
  let divisor: ExactNumber
  let divisorText: String

  init(divisor: String) {
    self.divisor = ExactNumber(lexeme: divisor)
    self.divisorText = divisor
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isNumber(instance) else { return true }
    let lexeme = view.lexeme(instance)
    if ExactNumber(lexeme: lexeme).isMultiple(of: divisor) { return true }
    context.fail(
      name, node, view.value(instance), "\(lexeme) is not a multiple of \(divisorText).",
      ["value": lexeme, "divisor": divisorText])
    return false
  }
}
