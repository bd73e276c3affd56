import RenkeiCore

/// Equality as JSON Schema defines it (Validation §4.2.2): numbers by mathematical value
/// (1 equals 1.0), objects regardless of member order, arrays element by element.
enum JSONSchemaEquality {
  static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
    let kind = a.kind
    guard kind == b.kind else { return false }
    switch kind {
    case .null: return true
    case .bool: return a.bool == b.bool
    case .number:
      let x = a.number!.lexeme
      let y = b.number!.lexeme
      return x == y || ExactNumber(lexeme: x) == ExactNumber(lexeme: y)
    case .string:
      // Code point by code point: Swift's == would equate canonically equivalent strings.
      return a.string!.unicodeScalars.elementsEqual(b.string!.unicodeScalars)
    case .array:
      guard a.count == b.count else { return false }
      return zip(a.elements, b.elements).allSatisfy { equal($0, $1) }
    case .object:
      guard a.count == b.count else { return false }
      let left = a.members
      let right = b.members
      return left.allSatisfy { member in
        right.contains { other in
          other.key.unicodeScalars.elementsEqual(member.key.unicodeScalars) && equal(member.value, other.value)
        }
      }
    }
  }

  /// A hash consistent with `equal`, for `uniqueItems` over long arrays.
  static func hash(_ value: JSONValue, into hasher: inout Hasher) {
    hasher.combine(value.kind.rawValue)
    switch value.kind {
    case .null: break
    case .bool: hasher.combine(value.bool)
    case .number: hasher.combine(ExactNumber(lexeme: value.number!.lexeme))
    case .string: hasher.combine(value.string!.utf8.count)
    case .array:
      hasher.combine(value.count)
      for element in value.elements { hash(element, into: &hasher) }
    case .object:
      // Order-independent: combine member hashes commutatively.
      var sum = 0
      for member in value.members {
        var inner = Hasher()
        inner.combine(member.key.utf8.count)
        hash(member.value, into: &inner)
        sum = sum &+ inner.finalize()
      }
      hasher.combine(sum)
    }
  }
}

/// A value wrapped for hashing with JSON Schema equality.
struct SchemaEquatable: Hashable {
  let value: JSONValue
  static func == (a: SchemaEquatable, b: SchemaEquatable) -> Bool { JSONSchemaEquality.equal(a.value, b.value) }
  func hash(into hasher: inout Hasher) { JSONSchemaEquality.hash(value, into: &hasher) }
}
