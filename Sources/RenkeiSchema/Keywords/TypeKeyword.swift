import RenkeiCore

/// `type` (Validation §6.1.1). "integer" is any number with a zero fractional part (1.0 is an
/// integer), except in draft 4, where a number written with a fraction is not.
final class TypeKeyword: Keyword {
  let name = "type"
  let types: [String]
  private let mask: UInt8
  private let integer: Bool
  private let number: Bool
  private let legacyInteger: Bool

  init(types: [String], dialect: Dialect) {
    self.types = types
    var mask: UInt8 = 0
    for type in types {
      switch type {
      case "null": mask |= 1 << JSONKind.null.rawValue
      case "boolean": mask |= 1 << JSONKind.bool.rawValue
      case "string": mask |= 1 << JSONKind.string.rawValue
      case "array": mask |= 1 << JSONKind.array.rawValue
      case "object": mask |= 1 << JSONKind.object.rawValue
      default: break
      }
    }
    self.mask = mask
    self.number = types.contains("number")
    self.integer = types.contains("integer")
    self.legacyInteger = dialect == .draft4
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    let kind = view.kind(instance)
    if mask & (1 << kind.rawValue) != 0 { return true }
    if kind == .number {
      if number { return true }
      if integer, TypeKeyword.isInteger(instance, view, legacy: legacyInteger) { return true }
    }
    let found = kind.description
    context.fail(
      name, node, view.value(instance),
      "Expected \(types.count == 1 ? types[0] : "one of " + types.joined(separator: ", ")), found \(found).",
      ["expected": types.joined(separator: ","), "found": found])
    return false
  }

  /// Integer lexemes are the common case and need no decimal arithmetic (the tape flags say).
  static func isInteger(_ instance: Int, _ view: InstanceView, legacy: Bool) -> Bool {
    let flags = view.tape[instance].flags
    if !flags.contains(.fraction) && !flags.contains(.exponent) { return true }
    if legacy && flags.contains(.fraction) { return false }
    return ExactNumber(lexeme: view.lexeme(instance)).isInteger
  }
}
