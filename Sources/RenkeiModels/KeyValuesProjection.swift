import RenkeiCore

/// The key-values form of an entity, which Smart Data Models schemas describe: each attribute
/// reduced to its value (Property `value`, Relationship `object`, NGSI v2 `value` ...). Every
/// projected value remembers where it came from, so schema findings point into the original
/// payload (line, column and pointer of the original `value` member).
public enum KeyValuesProjection {
  /// Projects `entity` from `representation`; nil when it is already key-values (the schema
  /// then validates the original, which is the fast path).
  public static func project(_ entity: JSONValue, from representation: Representation) -> MappedDocument? {
    guard representation != .ngsiV2KeyValues, entity.kind == .object else { return nil }
    // Key-values NGSI-LD needs a projection only to unwrap typed literals ({"@value": ...}).
    if representation == .ngsiLDKeyValues {
      var typed = false
      entity.forEachMember { _, value in
        guard !typed, value.kind == .object else { return }
        value.forEachMember { key, _ in if key.stringEquals("@value") { typed = true } }
      }
      guard typed else { return nil }
    }
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

  /// The value an attribute holds in key-values form.
  static func attributeValue(_ attribute: JSONValue, _ representation: Representation) -> JSONValue {
    if representation == .ngsiLDKeyValues {
      return attribute.kind == .object ? (attribute["@value"] ?? attribute) : attribute
    }
    var instance = attribute
    // A multi-attribute: the default instance (no datasetId), else the first.
    if attribute.kind == .array, representation.isNGSILD, attribute.elements.allSatisfy({ $0.kind == .object }),
      let first = attribute.elements.first(where: { $0["datasetId"] == nil }) ?? attribute.elements.first
    {
      instance = first
    }
    guard instance.kind == .object else { return instance }
    for member in ["value", "object", "languageMap", "vocab", "valueList", "objectList", "json"] {
      if let held = instance[member] {
        // NGSI-LD typed literal {"@type": "DateTime", "@value": "..."} stands for its @value.
        if held.kind == .object, let literal = held["@value"] { return literal }
        return held
      }
    }
    return instance
  }
}
