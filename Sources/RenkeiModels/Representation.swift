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

  /// Members of an entity that are not attributes. (Switches over strings, not sets: these run
  /// for every member of every entity, and hashing strings costs more than comparing them.)
  static func isCoreMember(_ name: String) -> Bool {
    switch name {
    case "id", "type", "@context", "scope", "createdAt", "modifiedAt", "deletedAt": return true
    default: return false
    }
  }

  /// The same for a member name as it sits in the document (no string is made).
  static func isCoreMember(key: JSONValue) -> Bool {
    key.stringEquals("id") || key.stringEquals("type") || key.stringEquals("@context") || key.stringEquals("scope")
      || key.stringEquals("createdAt") || key.stringEquals("modifiedAt") || key.stringEquals("deletedAt")
  }

  static func isValueMember(key: JSONValue) -> Bool {
    key.stringEquals("value") || key.stringEquals("object") || key.stringEquals("languageMap")
      || key.stringEquals("vocab") || key.stringEquals("valueList") || key.stringEquals("objectList")
      || key.stringEquals("json")
  }

  static func isLDAttributeType(_ name: String) -> Bool {
    switch name {
    case "Property", "Relationship", "GeoProperty", "LanguageProperty", "VocabProperty", "ListProperty",
      "ListRelationship", "JsonProperty":
      return true
    default: return false
    }
  }

  /// Members that hold the value of an attribute in normalized or concise form.
  static func isValueMember(_ name: String) -> Bool {
    switch name {
    case "value", "object", "languageMap", "vocab", "valueList", "objectList", "json": return true
    default: return false
    }
  }

  /// Detects the representation of an entity from its shape: an NGSI-LD attribute type or an
  /// `@context` means NGSI-LD; attributes that are all `{type, value}` objects mean normalized;
  /// `{value}` without an attribute type means NGSI-LD concise; plain values mean key-values.
  public static func detect(_ entity: JSONValue) -> Representation {
    var attributes = 0
    var ldTyped = 0
    var wrapped = 0
    var v2Normalized = 0
    var hasContext = false
    entity.forEachMember { key, value in
      if key.stringEquals("@context") { hasContext = true }
      guard !isCoreMember(key: key) else { return }
      attributes += 1
      // A multi-attribute is judged by its first instance.
      let first = value.kind == .array ? (value[0] ?? value) : value
      guard first.kind == .object else { return }
      var holdsValue = false
      var onlyV2Members = true
      var hasValue = false
      var ldType = false
      first.forEachMember { member, memberValue in
        if member.stringEquals("type") {
          ldType = memberValue.string.map(isLDAttributeType) ?? false
          return
        }
        if isValueMember(key: member) {
          holdsValue = true
          if member.stringEquals("value") { hasValue = true }
        }
        if !member.stringEquals("value") && !member.stringEquals("metadata") { onlyV2Members = false }
      }
      if ldType {
        ldTyped += 1
      } else if holdsValue {
        wrapped += 1
        if hasValue && onlyV2Members { v2Normalized += 1 }
      }
    }
    let isLD = hasContext || ldTyped > 0
    if isLD {
      if attributes > 0 && ldTyped == attributes { return .ngsiLDNormalized }
      if ldTyped > 0 || wrapped > 0 { return .ngsiLDConcise }
      return .ngsiLDKeyValues
    }
    if attributes > 0 && v2Normalized == attributes { return .ngsiV2Normalized }
    return .ngsiV2KeyValues
  }
}
