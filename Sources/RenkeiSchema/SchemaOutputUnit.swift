import RenkeiCore

/// One failed assertion, located in the instance and in the schema (Core §12.3).
public struct SchemaOutputUnit: Sendable, Hashable {
  /// The keyword that failed, e.g. "required".
  public var keyword: String
  /// The path of keywords followed from the root schema, through references ("/properties/a/$ref/type").
  public var keywordLocation: String
  /// The failing keyword's absolute URI ("https://example.com/s.json#/$defs/a/type").
  public var absoluteKeywordLocation: String
  /// The value that failed (its document and tape index give line:column and pointer).
  public var instance: JSONValue
  public var message: String
  public var arguments: [String: String]
  /// Nesting: units produced while evaluating a failed subschema sit one level deeper.
  public var depth: Int

  public var instanceLocation: String { instance.pointer.description }

  public static func == (a: SchemaOutputUnit, b: SchemaOutputUnit) -> Bool {
    a.keywordLocation == b.keywordLocation && a.absoluteKeywordLocation == b.absoluteKeywordLocation
      && a.instance.index == b.instance.index && a.message == b.message
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(keywordLocation)
    hasher.combine(instance.index)
  }
}
