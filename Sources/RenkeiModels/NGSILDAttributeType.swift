import RenkeiCore

/// The NGSI-LD attribute types (ETSI GS CIM 009 clause 4.5), told apart by their bytes so the
/// checker makes no string for the type of every attribute.
enum NGSILDAttributeType: Sendable {
  case property, relationship, geoProperty, languageProperty, vocabProperty, listProperty, listRelationship
  case jsonProperty

  /// The type a string value names exactly; nil for anything else. The names hold none of the
  /// ASCII characters another code point is canonically equivalent to, so this is
  /// `Representation.isLDAttributeType` on the decoded string.
  init?(_ value: JSONValue) {
    if value.stringEquals("Property") {
      self = .property
    } else if value.stringEquals("Relationship") {
      self = .relationship
    } else if value.stringEquals("GeoProperty") {
      self = .geoProperty
    } else if value.stringEquals("LanguageProperty") {
      self = .languageProperty
    } else if value.stringEquals("VocabProperty") {
      self = .vocabProperty
    } else if value.stringEquals("ListProperty") {
      self = .listProperty
    } else if value.stringEquals("ListRelationship") {
      self = .listRelationship
    } else if value.stringEquals("JsonProperty") {
      self = .jsonProperty
    } else {
      return nil
    }
  }

  /// The type a concise attribute implies (clause 4.5.4), or nil.
  static func concise(of attribute: JSONValue) -> NGSILDAttributeType? {
    if attribute.member("object") != nil { return .relationship }
    if attribute.member("languageMap") != nil { return .languageProperty }
    if attribute.member("vocab") != nil { return .vocabProperty }
    if attribute.member("valueList") != nil { return .listProperty }
    if attribute.member("objectList") != nil { return .listRelationship }
    if attribute.member("json") != nil { return .jsonProperty }
    guard let value = attribute.member("value") else { return nil }
    if value.kind == .object, let type = value.member("type"), GeoJSONType.named(type)?.isGeometry == true {
      return .geoProperty
    }
    return .property
  }
}
