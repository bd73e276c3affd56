import RenkeiCore
import RenkeiStringFormats

/// Lexical rules of NGSI-LD payloads (ETSI GS CIM 009 clauses 4.5, 4.6, 5.2): identifiers, names,
/// attribute types and the members each type carries.
enum NGSILDSyntax {
  static func isURI(_ text: String) -> Bool {
    guard text.contains(":"), !text.contains(where: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\"" }) else {
      return false
    }
    return StringFormat.uri.isValid(text)
  }

  /// Attribute and type names may be URIs or terms without characters that break URLs or JSON-LD
  /// (clause 4.6.2).
  static func isValidName(_ name: String) -> Bool {
    guard !name.isEmpty else { return false }
    if name.contains(":") && isURI(name) { return true }
    return !name.unicodeScalars.contains { scalar in
      switch scalar {
      case "<", ">", "\"", "'", "=", ";", "(", ")", "&", "?", "#", "/", " ", "[", "]", ",", "{", "}", "\\":
        return true
      default: return scalar.value < 0x20
      }
    }
  }

  static func isDateTime(_ text: String) -> Bool {
    StringFormat.dateTime.isValid(text)
  }

  /// Attribute types and the member holding each one's content (clause 4.5).
  static let contentMember: [String: String] = [
    "Property": "value", "GeoProperty": "value", "Relationship": "object", "LanguageProperty": "languageMap",
    "VocabProperty": "vocab", "JsonProperty": "json", "ListProperty": "valueList", "ListRelationship": "objectList",
  ]

  /// Members of an attribute that are not sub-attributes.
  static let attributeMembers: Set<String> = [
    "type", "value", "object", "objectType", "languageMap", "vocab", "json", "valueList", "objectList",
    "observedAt", "datasetId", "unitCode", "createdAt", "modifiedAt", "deletedAt", "instanceId", "lang",
    "@context", "previousValue", "previousObject", "previousLanguageMap", "previousVocab", "previousJson",
    "previousValueList", "previousObjectList",
  ]

  /// Members of an entity that are not attributes.
  static let entityMembers: Set<String> = ["id", "type", "scope", "createdAt", "modifiedAt", "deletedAt", "@context"]

  static let geometryTypes: Set<String> = [
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection",
  ]

  /// Whether `value` is a GeoJSON geometry with coordinates of the right shape.
  static func isGeometry(_ value: JSONTree) -> Bool {
    guard let type = value["type"]?.string, geometryTypes.contains(type) else { return false }
    if type == "GeometryCollection" { return value["geometries"]?.array?.allSatisfy(isGeometry) ?? false }
    return (try? Geometry(value)) != nil
  }

  /// The NULL marker of merge-patch and update operations (clause 4.5.0).
  static func isNullMarker(_ value: JSONTree?) -> Bool {
    guard let value else { return false }
    if value == .null || value.string == "urn:ngsi-ld:null" { return true }
    if let members = value.members {
      for key in ["value", "object", "languageMap", "vocab", "json", "valueList", "objectList"] {
        if let content = members.first(where: { $0.key == key })?.value {
          return content == .null || content.string == "urn:ngsi-ld:null"
            || content.members?.first(where: { $0.key == "@none" })?.value.string == "urn:ngsi-ld:null"
            || content.array == [.string("urn:ngsi-ld:null")]
        }
      }
    }
    return false
  }
}
