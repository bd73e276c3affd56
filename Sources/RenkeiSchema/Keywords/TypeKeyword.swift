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

  func evaluate(
    _ instance: JSONValue, _ node: SchemaNode, _ context: inout EvaluationContext, _ annotations: inout Annotations?
  ) -> Bool {
    let kind = instance.kind
    if mask & (1 << kind.rawValue) != 0 { return true }
    if kind == .number {
      if number { return true }
      if integer, let lexeme = instance.number?.lexeme, TypeKeyword.isInteger(lexeme, legacy: legacyInteger) {
        return true
      }
    }
    let found = kind == .number ? "number" : kind.jsonSchemaName
    context.fail(
      name, node, instance,
      "Expected \(types.count == 1 ? types[0] : "one of " + types.joined(separator: ", ")), found \(found).",
      ["expected": types.joined(separator: ","), "found": found])
    return false
  }

  static func isInteger(_ lexeme: String, legacy: Bool) -> Bool {
    var plain = true
    for c in lexeme.utf8 where c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
      if legacy && c == UInt8(ascii: ".") { return false }
      plain = false
    }
    return plain || ExactNumber(lexeme: lexeme).isInteger
  }
}

extension JSONKind {
  /// The JSON Schema name of the kind.
  var jsonSchemaName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }
}
