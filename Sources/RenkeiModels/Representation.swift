import RenkeiCore

/// The ways an entity can be written (ETSI GS CIM 009 §4.5; Orion NGSI v2 "Simplified Entity
/// Representation").
public enum Representation: String, Sendable, CaseIterable {
  case ngsiLDNormalized = "ngsi-ld-normalized"
  case ngsiLDConcise = "ngsi-ld-concise"
  case ngsiLDKeyValues = "ngsi-ld-keyvalues"
  case ngsiV2Normalized = "ngsi-v2-normalized"
  case ngsiV2KeyValues = "ngsi-v2-keyvalues"

  public var isNGSILD: Bool {
    self == .ngsiLDNormalized || self == .ngsiLDConcise || self == .ngsiLDKeyValues
  }

  /// NGSI-LD attribute types (the `type` member of a normalized attribute).
  static let ldAttributeTypes: Set<String> = [
    "Property", "Relationship", "GeoProperty", "LanguageProperty", "VocabProperty", "ListProperty",
    "ListRelationship", "JsonProperty",
  ]

  /// Members of an entity that are not attributes.
  static let coreMembers: Set<String> = ["id", "type", "@context", "scope", "createdAt", "modifiedAt", "deletedAt"]

  /// Members that hold the value of an attribute in normalized or concise form.
  static let valueMembers: Set<String> = ["value", "object", "languageMap", "vocab", "valueList", "objectList", "json"]

  /// Detects the representation of an entity from its shape: an NGSI-LD attribute type or an
  /// `@context` means NGSI-LD; attributes that are all `{type, value}` objects mean normalized;
  /// `{value}` without an attribute type means NGSI-LD concise; plain values mean key-values.
  public static func detect(_ entity: JSONValue) -> Representation {
    var attributes = 0
    var ldTyped = 0
    var wrapped = 0
    var v2Normalized = 0
    entity.forEachMember { key, value in
      guard let name = key.string, !coreMembers.contains(name) else { return }
      attributes += 1
      let instances = value.kind == .array && value.elements.allSatisfy({ $0.kind == .object }) && value.count > 0
        ? value.elements : [value]
      guard let first = instances.first, first.kind == .object else { return }
      if let type = first["type"]?.string, ldAttributeTypes.contains(type) {
        ldTyped += 1
      } else if first.members.contains(where: { valueMembers.contains($0.key) }) {
        wrapped += 1
        if first["value"] != nil && first.members.allSatisfy({ ["type", "value", "metadata"].contains($0.key) }) {
          v2Normalized += 1
        }
      }
    }
    let isLD = entity["@context"] != nil || ldTyped > 0
    if isLD {
      if attributes > 0 && ldTyped == attributes { return .ngsiLDNormalized }
      if ldTyped > 0 || wrapped > 0 { return .ngsiLDConcise }
      return .ngsiLDKeyValues
    }
    if attributes > 0 && v2Normalized == attributes { return .ngsiV2Normalized }
    return .ngsiV2KeyValues
  }
}
