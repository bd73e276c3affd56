import RenkeiCore

/// A document derived from another one (a projection, an entity assembled from a GeoJSON
/// Feature) that remembers, for every value, the value it came from: findings about the
/// derived document are reported at the original's line, column and pointer.
public struct MappedDocument: Sendable {
  public let document: JSONDocument
  /// For each tape entry of `document`, the value it was copied from.
  let origins: [JSONValue]

  public var root: JSONValue { document.root }

  /// The value `derived` was copied from (itself when it is not from this document).
  public func original(of derived: JSONValue) -> JSONValue {
    guard derived.document === document, derived.index < origins.count else { return derived }
    return origins[derived.index]
  }
}

/// Builds a `MappedDocument` value by value.
struct MappedDocumentBuilder {
  private var builder = JSONBuilder()
  private var origins: [JSONValue] = []

  mutating func beginObject(origin: JSONValue) {
    origins.append(origin)
    builder.beginObject(at: origin.position)
  }

  mutating func key(_ name: String, origin: JSONValue) {
    origins.append(origin)
    builder.key(name, at: origin.position)
  }

  mutating func end() { try? builder.end() }

  /// Copies a whole value (depth is bounded by the parser's limit), one origin per entry.
  mutating func copy(_ value: JSONValue) {
    origins.append(value)
    let position = value.position
    switch value.kind {
    case .null: builder.null(at: position)
    case .bool: builder.bool(value.bool!, at: position)
    case .number: try? builder.number(value.number!.lexeme, at: position)
    case .string: builder.string(value.string!, at: position)
    case .array:
      builder.beginArray(at: position)
      value.forEachElement { _, element in copy(element) }
      try? builder.end()
    case .object:
      builder.beginObject(at: position)
      value.forEachMember { key, member in
        self.key(key.string ?? "", origin: key)
        copy(member)
      }
      try? builder.end()
    }
  }

  func build() -> MappedDocument? {
    builder.build().map { MappedDocument(document: $0, origins: origins) }
  }
}
