import Foundation
import RenkeiCore
import RenkeiStringFormats

/// NGSI v2 payload rules (FIWARE Orion NGSI v2 API specification), each citing its section.
public enum NGSIv2Rules {
  static func section(_ name: String, _ anchor: String) -> SpecReference {
    SpecReference(
      document: "FIWARE NGSI v2 (Orion API)", clause: name,
      url: "https://github.com/telefonicaid/fiware-orion/blob/master/doc/manuals/orion-api.md#\(anchor)")
  }

  public static let missingID = Rule(
    id: "ngsi-v2-missing-id", severity: .error,
    spec: section("JSON Entity Representation", "json-entity-representation"),
    message: "The entity has no \"id\" string.", fix: "Give the entity an id, e.g. \"id\": \"Facility001\".")
  public static let identifierSyntax = Rule(
    id: "ngsi-v2-identifier-syntax", severity: .error,
    spec: section("Identifiers syntax restrictions", "identifiers-syntax-restrictions"),
    message: "{what} {found} is not allowed: {reason}.",
    fix: "Use 1 to 256 printable ASCII characters without whitespace, & ? / # < > \" ' = ; ( ).")
  /// A warning: Orion rejects these characters, but other NGSI v2 brokers and Orion with
  /// relaxed validation accept them, and the value itself is not malformed.
  public static let forbiddenCharacter = Rule(
    id: "ngsi-v2-forbidden-character", severity: .warning,
    spec: section("General syntax restrictions", "general-syntax-restrictions"),
    message: "The value of \"{attribute}\" contains {found}, which Orion rejects in any request.",
    fix: "Encode the character (e.g. URL-encode it), or give the attribute type TextUnrestricted.")
  public static let reservedName = Rule(
    id: "ngsi-v2-reserved-name", severity: .error,
    spec: section("Attribute names restrictions", "attribute-names-restrictions"),
    message: "\"{attribute}\" cannot be used as an attribute name.", fix: "Rename the attribute.")
  public static let attributeStructure = Rule(
    id: "ngsi-v2-attribute-structure", severity: .error,
    spec: section("JSON Attribute Representation", "json-attribute-representation"),
    message: "Attribute \"{attribute}\" {problem}.",
    fix: "Write a normalized attribute as {\"type\": \"Text\", \"value\": ..., \"metadata\": {}}.")
  public static let dateTime = Rule(
    id: "ngsi-v2-datetime", severity: .error, spec: section("Datetime support", "datetime-support"),
    message: "\"{attribute}\" has type DateTime but {found} is not an ISO 8601 date-time.",
    fix: "Write e.g. 2024-04-01T09:00:00.000Z.")
  public static let geoJSON = Rule(
    id: "ngsi-v2-geo-json", severity: .error, spec: section("GeoJSON", "geojson"),
    message: "\"{attribute}\" has type geo:json but its value is not a GeoJSON geometry: {detail}.",
    fix: "Write a GeoJSON geometry such as {\"type\": \"Point\", \"coordinates\": [139.7, 35.6]}.")
  public static let geoPoint = Rule(
    id: "ngsi-v2-geo-point", severity: .error,
    spec: section("Geospatial properties of entities", "geospatial-properties-of-entities"),
    message: "\"{attribute}\" has type geo:point but {found} is not \"latitude, longitude\".",
    fix: "Write e.g. \"35.6812, 139.7671\" (latitude first).")

  public static let all: [Rule] = [
    missingID, identifierSyntax, forbiddenCharacter, reservedName, attributeStructure, dateTime, geoJSON, geoPoint,
  ]
}

/// The structure rules of NGSI v2 entities as Orion enforces them.
public struct NGSIv2PayloadChecker: Sendable {
  static let forbidden: Set<Unicode.Scalar> = ["<", ">", "\"", "'", "=", ";", "(", ")"]
  /// Names that cannot be attributes. Builtin names (dateCreated, dateModified ...) are only
  /// "discouraged" by the specification and Smart Data Models use them, so they pass.
  static let reserved: Set<String> = ["id", "type", "geo:distance", "*"]

  public init() {}

  public func findings(
    _ entity: JSONValue, representation: Representation, file: String?, documentNumber: Int? = nil,
    locate: (JSONValue) -> JSONValue = { $0 }
  ) -> [Finding] {
    var out: [Finding] = []
    func report(_ rule: Rule, _ value: JSONValue, _ arguments: [String: String]) {
      out.append(rule.finding(at: locate(value).location(file: file, documentNumber: documentNumber), arguments))
    }
    guard entity.kind == .object else { return out }
    if let id = entity["id"], let text = id.string {
      checkIdentifier("Entity id", text, id, report)
    } else {
      report(NGSIv2Rules.missingID, entity["id"] ?? entity, [:])
    }
    if let type = entity["type"], let text = type.string { checkIdentifier("Entity type", text, type, report) }
    entity.forEachMember { key, value in
      guard let name = key.string, name != "id", name != "type" else { return }
      if NGSIv2PayloadChecker.reserved.contains(name) {
        report(NGSIv2Rules.reservedName, key, ["attribute": name])
        return
      }
      checkIdentifier("Attribute name", name, key, report)
      if representation == .ngsiV2Normalized {
        checkNormalized(name, value, report) { geometry in
          out += GeoJSONValidator().geometryFindings(locate(geometry), file: file, documentNumber: documentNumber)
        }
      } else {
        checkValueCharacters(name, value, unrestricted: false, report)
      }
    }
    return out
  }

  private func checkNormalized(
    _ name: String, _ attribute: JSONValue, _ report: (Rule, JSONValue, [String: String]) -> Void,
    _ geometryReport: (JSONValue) -> Void
  ) {
    guard attribute.kind == .object else {
      report(NGSIv2Rules.attributeStructure, attribute, ["attribute": name, "problem": "is not an object"])
      return
    }
    for (member, _) in attribute.members where !["type", "value", "metadata"].contains(member) {
      report(
        NGSIv2Rules.attributeStructure, attribute[member]!,
        ["attribute": name, "problem": "has the unknown member \"\(member)\""])
    }
    let type = attribute["type"]?.string
    if let typeValue = attribute["type"] {
      if let type {
        checkIdentifier("Attribute type", type, typeValue, report)
      } else {
        report(
          NGSIv2Rules.attributeStructure, typeValue,
          ["attribute": name, "problem": "has a \"type\" that is not a string"])
      }
    }
    if let metadata = attribute["metadata"] {
      if metadata.kind != .object {
        report(
          NGSIv2Rules.attributeStructure, metadata,
          ["attribute": name, "problem": "has \"metadata\" that is not an object"])
      } else {
        metadata.forEachMember { key, item in
          guard let metadataName = key.string else { return }
          checkIdentifier("Metadata name", metadataName, key, report)
          if item.kind != .object {
            report(
              NGSIv2Rules.attributeStructure, item,
              ["attribute": name, "problem": "has metadata \"\(metadataName)\" that is not {type, value}"])
          } else if item["type"]?.string == "DateTime", let value = item["value"],
            !NGSIv2PayloadChecker.isDateTime(value)
          {
            report(
              NGSIv2Rules.dateTime, value,
              ["attribute": name + "." + metadataName, "found": JSONWriter().string(value)])
          }
        }
      }
    }
    guard let value = attribute["value"] else { return }
    switch type {
    case "DateTime":
      if !value.isNull && !NGSIv2PayloadChecker.isDateTime(value) {
        report(NGSIv2Rules.dateTime, value, ["attribute": name, "found": JSONWriter().string(value)])
      }
    case "geo:json":
      if !value.isNull, let problem = NGSILDPayloadChecker.geometryProblem(value) {
        report(NGSIv2Rules.geoJSON, value, ["attribute": name, "detail": problem])
      } else if !value.isNull {
        geometryReport(value)
      }
    case "geo:point":
      if !value.isNull && !NGSIv2PayloadChecker.isGeoPoint(value.string) {
        report(NGSIv2Rules.geoPoint, value, ["attribute": name, "found": JSONWriter().string(value)])
      }
    default:
      break
    }
    checkValueCharacters(name, value, unrestricted: type == "TextUnrestricted", report)
  }

  /// Strings anywhere in a value must avoid the general forbidden characters.
  private func checkValueCharacters(
    _ name: String, _ value: JSONValue, unrestricted: Bool, _ report: (Rule, JSONValue, [String: String]) -> Void
  ) {
    guard !unrestricted else { return }
    switch value.kind {
    case .string:
      if let bad = value.string!.unicodeScalars.first(where: { NGSIv2PayloadChecker.forbidden.contains($0) }) {
        report(NGSIv2Rules.forbiddenCharacter, value, ["attribute": name, "found": "\"\(bad)\""])
      }
    case .array:
      value.forEachElement { _, element in checkValueCharacters(name, element, unrestricted: false, report) }
    case .object:
      value.forEachMember { _, member in checkValueCharacters(name, member, unrestricted: false, report) }
    default:
      break
    }
  }

  private func checkIdentifier(
    _ what: String, _ text: String, _ value: JSONValue, _ report: (Rule, JSONValue, [String: String]) -> Void
  ) {
    let reason: String?
    if text.isEmpty {
      reason = "it is empty"
    } else if text.unicodeScalars.count > 256 {
      reason = "it is longer than 256 characters"
    } else if let bad = text.unicodeScalars.first(where: { !$0.isASCII || $0.value <= 0x20 || $0.value == 0x7F }) {
      reason =
        bad.isASCII ? "it contains whitespace or a control character" : "it contains the non-ASCII character \"\(bad)\""
    } else if let bad = text.unicodeScalars.first(where: {
      "&?/#".unicodeScalars.contains($0) || NGSIv2PayloadChecker.forbidden.contains($0)
    }) {
      reason = "it contains \"\(bad)\""
    } else {
      reason = nil
    }
    if let reason {
      report(NGSIv2Rules.identifierSyntax, value, ["what": what, "found": "\"\(text.prefix(80))\"", "reason": reason])
    }
  }

  static func isDateTime(_ value: JSONValue) -> Bool {
    guard let text = value.string else { return false }
    return StringFormat.dateTime.isValid(text) || StringFormat.date.isValid(text)
      || (text.contains("T") && StringFormat.dateTime.isValid(text + "Z"))
  }

  static func isGeoPoint(_ text: String?) -> Bool {
    guard let text else { return false }
    let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, let latitude = Double(parts[0]), let longitude = Double(parts[1]) else { return false }
    return (-90...90).contains(latitude) && (-180...180).contains(longitude)
  }
}
