import RenkeiCore

/// The syntax rules of the Orion API spec ("General syntax restrictions", "Identifiers syntax
/// restrictions", "Attribute names restrictions"): checks that answer 400 BadRequest.
enum NGSIv2Syntax {
  /// Forbidden everywhere in requests, to keep script injection out of co-located web servers.
  static let forbidden: Set<Character> = ["<", ">", "\"", "'", "=", ";", "(", ")"]
  /// Additionally forbidden in identifiers.
  static let identifierForbidden: Set<Character> = ["&", "?", "/", "#"]
  static let maximumIdentifierLength = 256

  static func hasForbidden(_ text: String) -> Bool { text.contains { forbidden.contains($0) } }

  /// Plain printable ASCII without whitespace, `&?/#` and the forbidden characters; 1 to 256 long.
  static func isIdentifier(_ text: String) -> Bool {
    guard !text.isEmpty, text.utf8.count <= maximumIdentifierLength else { return false }
    return text.unicodeScalars.allSatisfy { scalar in
      scalar.value > 0x20 && scalar.value < 0x7F && !forbidden.contains(Character(scalar))
        && !identifierForbidden.contains(Character(scalar))
    }
  }

  /// Checks an identifier; `what` names the field in the error description.
  static func checkIdentifier(_ text: String, _ what: String) throws(NGSIv2Error) {
    if text.isEmpty { throw .badRequest("empty \(what)") }
    if text.utf8.count > maximumIdentifierLength {
      throw .badRequest("\(what) length is greater than \(maximumIdentifierLength)")
    }
    if !isIdentifier(text) { throw .badRequest("Invalid characters in \(what)") }
  }

  /// Attribute names also exclude the names with a meaning of their own.
  static func checkAttributeName(_ name: String) throws(NGSIv2Error) {
    try checkIdentifier(name, "attribute name")
    if ["id", "type", "geo:distance", "*"].contains(name) { throw .badRequest("Invalid attribute name: \(name)") }
  }

  /// Every string inside a value must be free of forbidden characters (unless the attribute is
  /// TextUnrestricted).
  static func checkValue(_ value: JSONTree) throws(NGSIv2Error) {
    switch value {
    case .string(let text) where hasForbidden(text): throw .badRequest("Invalid characters in attribute value")
    case .array(let items): for item in items { try checkValue(item) }
    case .object(let members):
      for (key, member) in members {
        if hasForbidden(key) { throw .badRequest("Invalid characters in attribute value") }
        try checkValue(member)
      }
    default: break
    }
  }

  /// The default NGSI type of a value ("Partial Representations").
  static func defaultType(_ value: JSONTree) -> String {
    switch value {
    case .string: return "Text"
    case .number: return "Number"
    case .bool: return "Boolean"
    case .array, .object: return "StructuredValue"
    case .null: return "None"
    }
  }
}
