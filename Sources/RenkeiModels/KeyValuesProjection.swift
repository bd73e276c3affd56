import RenkeiCore

/// The key-values form of an entity, which Smart Data Models schemas describe: each attribute
/// reduced to its value (Property `value`, Relationship `object`, NGSI v2 `value` ...). Every
/// projected value remembers where it came from, so schema findings point into the original
/// payload (line, column and pointer of the original `value` member).
public enum KeyValuesProjection {
  /// Projects `entity` from `representation`; nil when it is already key-values (the schema
  /// then validates the original, which is the fast path).
  public static func project(_ entity: JSONValue, from representation: Representation) -> MappedDocument? {
    guard needsProjection(entity, from: representation) else { return nil }
    var builder = MappedDocumentBuilder()
    builder.beginObject(origin: entity)
    entity.forEachMember { key, value in
      guard let name = key.string, name != "@context" else { return }
      builder.key(name, origin: key)
      builder.copy(Representation.isCoreMember(name) ? value : attributeValue(value, representation))
    }
    builder.end()
    return builder.build()
  }

  /// False when the schema can validate the entity as it is: NGSI v2 key-values, and NGSI-LD
  /// key-values without typed literals (`{"@value": ...}`, which the projection unwraps).
  static func needsProjection(_ entity: JSONValue, from representation: Representation) -> Bool {
    guard representation != .ngsiV2KeyValues, entity.kind == .object else { return false }
    guard representation == .ngsiLDKeyValues else { return true }
    var typed = false
    entity.forEachMember { _, value in
      guard !typed, value.kind == .object else { return }
      value.forEachMember { key, _ in if key.stringEquals("@value") { typed = true } }
    }
    return typed
  }

  /// The same projection as a document of slices of the entity's own (no value is copied or
  /// decoded, and none remembers its origin): for a verdict, where findings need no location.
  /// It picks what `project` picks, member for member, and is nil exactly when `project` is.
  public static func slices(_ entity: JSONValue, from representation: Representation) -> JSONDocument? {
    guard needsProjection(entity, from: representation) else { return nil }
    var builder = JSONSliceBuilder(source: entity.document)
    builder.beginObject(origin: entity)
    // Names compared as bytes, as `project` compares them as strings (no name here has a
    // canonically equivalent spelling).
    entity.forEachMember { key, value in
      guard key.kind == .string, !key.stringEquals("@context") else { return }
      builder.key(key)
      builder.copy(Representation.isCoreMember(key: key) ? value : attributeValue(value, representation))
    }
    builder.end()
    return builder.build()
  }

  /// The value an attribute holds in key-values form. Members are looked up by their bytes
  /// (`member`): none of these names holds a character another code point is canonically
  /// equivalent to, so they are the members the string subscript finds.
  static func attributeValue(_ attribute: JSONValue, _ representation: Representation) -> JSONValue {
    if representation == .ngsiLDKeyValues {
      return attribute.kind == .object ? (attribute.member("@value") ?? attribute) : attribute
    }
    var instance = attribute
    // A multi-attribute: the default instance (no datasetId), else the first.
    if attribute.kind == .array, representation.isNGSILD {
      var allObjects = true
      var first: JSONValue?
      var firstDefault: JSONValue?
      attribute.forEachElement { _, element in
        if element.kind != .object { allObjects = false }
        if first == nil { first = element }
        if firstDefault == nil && element.kind == .object && element.member("datasetId") == nil {
          firstDefault = element
        }
      }
      if allObjects, let chosen = firstDefault ?? first { instance = chosen }
    }
    guard instance.kind == .object else { return instance }
    let held =
      instance.member("value") ?? instance.member("object") ?? instance.member("languageMap")
      ?? instance.member("vocab") ?? instance.member("valueList") ?? instance.member("objectList")
      ?? instance.member("json")
    guard let held else { return instance }
    // NGSI-LD typed literal {"@type": "DateTime", "@value": "..."} stands for its @value.
    if held.kind == .object, let literal = held.member("@value") { return literal }
    return held
  }
}
