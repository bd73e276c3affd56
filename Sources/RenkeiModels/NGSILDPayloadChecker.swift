import RenkeiCore
import RenkeiStringFormats

/// The structure rules of NGSI-LD entities (ETSI GS CIM 009): identifiers, attribute types and
/// the member each type requires, temporal members, datasetId, unitCode, names.
public struct NGSILDPayloadChecker: Sendable {
  static let reservedNames: [StaticString] = [
    "value", "object", "objectType", "languageMap", "vocab", "valueList", "objectList", "json", "observedAt",
    "datasetId", "unitCode", "instanceId", "deletedAt", "previousValue", "previousObject",
  ]

  /// Byte comparisons (most fail on the length): no string is made for ordinary names.
  static func isReservedName(_ key: JSONValue) -> Bool {
    reservedNames.contains { key.stringEquals($0) }
  }

  /// Core terms that cannot name an attribute (they are members of attributes or entities).
  static let reserved: Set<String> = [
    "value", "object", "objectType", "languageMap", "vocab", "valueList", "objectList", "json", "observedAt",
    "datasetId", "unitCode", "instanceId", "deletedAt", "previousValue", "previousObject",
  ]
  static func isTemporalMember(_ name: String) -> Bool {
    switch name {
    case "observedAt", "createdAt", "modifiedAt", "deletedAt": return true
    default: return false
    }
  }

  public var requireContext: Bool

  public init(requireContext: Bool = false) { self.requireContext = requireContext }

  public func findings(
    _ entity: JSONValue, representation: Representation, file: String?, documentNumber: Int? = nil,
    locate: (JSONValue) -> JSONValue = { $0 }
  ) -> [Finding] {
    var out: [Finding] = []
    func report(_ rule: Rule, _ value: JSONValue, _ arguments: [String: String] = [:]) {
      out.append(rule.finding(at: locate(value).location(file: file, documentNumber: documentNumber), arguments))
    }
    guard entity.kind == .object else { return out }
    if let id = entity["id"] {
      if id.string.map(NGSILDPayloadChecker.isURI) != true {
        report(NGSILDRules.idNotURI, id, ["found": JSONWriter().string(id), "type": entity["type"]?.string ?? "Type"])
      }
    } else {
      report(NGSILDRules.missingID, entity)
    }
    let type = entity["type"]
    if type == nil
      || !(type!.kind == .string || (type!.kind == .array && type!.elements.allSatisfy { $0.kind == .string }))
    {
      report(NGSILDRules.missingType, type ?? entity)
    }
    if requireContext && entity["@context"] == nil { report(NGSILDRules.contextMissing, entity) }
    entity.forEachMember { key, value in
      if key.stringEquals("observedAt") || key.stringEquals("createdAt") || key.stringEquals("modifiedAt")
        || key.stringEquals("deletedAt")
      {
        checkDateTime(key.string ?? "", value, report)
        return
      }
      guard !Representation.isCoreMember(key: key) else { return }
      // Names are only made into strings when they need a closer look or go into a finding.
      if key.stringContainsAny(of: "<>\"'=;()&?#/ \t\n\r") || NGSILDPayloadChecker.isReservedName(key) {
        checkName(key.string ?? "", key, report)
      }
      if representation != .ngsiLDKeyValues {
        checkAttribute(key.string ?? "", value, representation, report) { geometry in
          // RFC 7946 checks run on the original payload, so their locations are exact.
          out += GeoJSONValidator().geometryFindings(locate(geometry), file: file, documentNumber: documentNumber)
        }
      }
    }
    return out
  }

  private func checkName(_ name: String, _ key: JSONValue, _ report: (Rule, JSONValue, [String: String]) -> Void) {
    if NGSILDPayloadChecker.reserved.contains(name) {
      report(NGSILDRules.reservedName, key, ["attribute": name])
      return
    }
    // Names are terms or URIs (clause 4.6.2); characters that break URLs and JSON-LD expansion are
    // not allowed in terms. The byte scan comes first: most names are plain terms.
    guard let bad = name.unicodeScalars.first(where: NGSILDPayloadChecker.isForbiddenInName) else { return }
    if !NGSILDPayloadChecker.isURI(name) {
      report(NGSILDRules.attributeName, key, ["attribute": name, "found": "\"\(bad.escaped(asASCII: true))\""])
    }
  }

  static func isForbiddenInName(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "<", ">", "\"", "'", "=", ";", "(", ")", "&", "?", "#", "/", " ": return true
    default: return scalar.value < 0x20
    }
  }

  private func checkAttribute(
    _ name: String, _ value: JSONValue, _ representation: Representation,
    _ report: (Rule, JSONValue, [String: String]) -> Void, _ geometryReport: (JSONValue) -> Void
  ) {
    if representation == .ngsiLDKeyValues { return }
    let instances =
      value.kind == .array && value.count > 0 && value.elements.allSatisfy({ $0.kind == .object })
      ? value.elements : [value]
    if instances.count > 1 {
      var seen: [String: Bool] = [:]
      for instance in instances {
        let datasetID = instance["datasetId"]?.string ?? ""
        if seen[datasetID] != nil {
          report(
            NGSILDRules.datasetIDDuplicate, instance["datasetId"] ?? instance,
            ["attribute": name, "found": datasetID.isEmpty ? "(none)" : datasetID])
        }
        seen[datasetID] = true
      }
    }
    for instance in instances { checkInstance(name, instance, representation, report, geometryReport) }
  }

  private func checkInstance(
    _ name: String, _ attribute: JSONValue, _ representation: Representation,
    _ report: (Rule, JSONValue, [String: String]) -> Void, _ geometryReport: (JSONValue) -> Void
  ) {
    guard attribute.kind == .object else {
      if representation == .ngsiLDNormalized { report(NGSILDRules.attributeNotObject, attribute, ["attribute": name]) }
      return
    }
    let type = attribute["type"]?.string
    if let type, !Representation.isLDAttributeType(type) {
      // Concise attributes carry no type; a GeoJSON value in concise form is not an attribute type either.
      if representation == .ngsiLDNormalized {
        report(NGSILDRules.attributeType, attribute["type"]!, ["attribute": name, "found": "\"\(type)\""])
      }
      return
    }
    if type == nil && representation == .ngsiLDNormalized {
      report(NGSILDRules.attributeType, attribute, ["attribute": name, "found": "none"])
      return
    }
    let effective = type ?? NGSILDPayloadChecker.conciseType(of: attribute)
    switch effective {
    case "Property":
      if attribute["value"] == nil || attribute["value"]!.isNull {
        report(NGSILDRules.propertyValue, attribute, ["attribute": name])
      }
    case "Relationship":
      let object = attribute["object"]
      let valid =
        object.map { target in
          target.string.map(NGSILDPayloadChecker.isURI)
            ?? (target.kind == .array && target.count > 0
              && target.elements.allSatisfy { $0.string.map(NGSILDPayloadChecker.isURI) == true })
        } ?? false
      if !valid {
        report(
          NGSILDRules.relationshipObject, object ?? attribute,
          ["attribute": name, "found": object.map { JSONWriter().string($0) } ?? "nothing"])
      }
    case "GeoProperty":
      if let problem = NGSILDPayloadChecker.geometryProblem(attribute["value"]) {
        report(NGSILDRules.geoPropertyValue, attribute["value"] ?? attribute, ["attribute": name, "detail": problem])
      } else if let geometry = attribute["value"] {
        // A well-shaped geometry still gets the RFC 7946 checks (ranges, rings, winding).
        geometryReport(geometry)
      }
    case "LanguageProperty":
      let map = attribute["languageMap"]
      if map?.kind != .object || !(map!.members.allSatisfy { $0.value.kind == .string || $0.value.kind == .array }) {
        report(NGSILDRules.languageMap, map ?? attribute, ["attribute": name])
      }
    case "VocabProperty":
      let vocab = attribute["vocab"]
      if !(vocab?.kind == .string || (vocab?.kind == .array && vocab!.elements.allSatisfy { $0.kind == .string })) {
        report(NGSILDRules.vocab, vocab ?? attribute, ["attribute": name])
      }
    case "ListProperty":
      if attribute["valueList"]?.kind != .array {
        report(NGSILDRules.valueList, attribute["valueList"] ?? attribute, ["attribute": name])
      }
    case "ListRelationship":
      let list = attribute["objectList"]
      if list?.kind != .array { report(NGSILDRules.objectList, list ?? attribute, ["attribute": name]) }
    case "JsonProperty":
      if attribute["json"] == nil { report(NGSILDRules.json, attribute, ["attribute": name]) }
    default:
      break
    }
    attribute.forEachMember { key, member in
      guard let memberName = key.string else { return }
      switch memberName {
      case "observedAt", "createdAt", "modifiedAt", "deletedAt":
        checkDateTime(memberName, member, report)
      case "datasetId":
        if member.string.map(NGSILDPayloadChecker.isURI) != true {
          report(NGSILDRules.datasetIDNotURI, member, ["attribute": name, "found": JSONWriter().string(member)])
        }
      case "unitCode":
        if member.string.map({ !$0.isEmpty && $0.count <= 8 }) != true {
          report(NGSILDRules.unitCode, member, ["attribute": name, "found": JSONWriter().string(member)])
        }
      case "type", "value", "object", "languageMap", "vocab", "valueList", "objectList", "json", "objectType",
        "instanceId", "lang":
        break
      default:
        // A sub-attribute (Property of a Property, ...), in normalized or concise form.
        if member.kind == .object,
          member["type"]?.string.map(Representation.isLDAttributeType) == true || member["value"] != nil
            || member["object"] != nil
        {
          checkInstance(name + "." + memberName, member, representation, report, geometryReport)
        }
      }
    }
  }

  /// The attribute type a concise attribute implies (clause 4.5.4).
  static func conciseType(of attribute: JSONValue) -> String? {
    if attribute["object"] != nil { return "Relationship" }
    if attribute["languageMap"] != nil { return "LanguageProperty" }
    if attribute["vocab"] != nil { return "VocabProperty" }
    if attribute["valueList"] != nil { return "ListProperty" }
    if attribute["objectList"] != nil { return "ListRelationship" }
    if attribute["json"] != nil { return "JsonProperty" }
    if let value = attribute["value"], value.kind == .object, let geometry = value["type"]?.string,
      geometryTypes.contains(geometry)
    {
      return "GeoProperty"
    }
    return attribute["value"] != nil ? "Property" : nil
  }

  static let geometryTypes: Set<String> = [
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection",
  ]

  /// A short reason when `value` is not a GeoJSON geometry (RFC 7946 §3.1), or nil.
  static func geometryProblem(_ value: JSONValue?) -> String? {
    guard let value, value.kind == .object else { return "the value is not an object" }
    guard let type = value["type"]?.string, geometryTypes.contains(type) else {
      return "\"type\" must be one of \(geometryTypes.sorted().joined(separator: ", "))"
    }
    if type == "GeometryCollection" {
      return value["geometries"]?.kind == .array ? nil : "a GeometryCollection needs \"geometries\""
    }
    guard let coordinates = value["coordinates"], coordinates.kind == .array else {
      return "\"coordinates\" is missing"
    }
    func positionsOK(_ v: JSONValue, depth: Int) -> Bool {
      if depth == 0 {
        return v.kind == .array && (2...3).contains(v.count) && v.elements.allSatisfy { $0.kind == .number }
      }
      return v.kind == .array && v.elements.allSatisfy { positionsOK($0, depth: depth - 1) }
    }
    let depth = ["Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3][
      type]!
    return positionsOK(coordinates, depth: depth) ? nil : "the coordinates do not have the shape of a \(type)"
  }

  private func checkDateTime(
    _ member: String, _ value: JSONValue, _ report: (Rule, JSONValue, [String: String]) -> Void
  ) {
    let text = value.string ?? (value["@value"]?.string)
    if let text, StringFormat.dateTime.isValid(text), text.hasSuffix("Z") || text.hasSuffix("z") { return }
    report(NGSILDRules.dateTime, value, ["member": member, "found": JSONWriter().string(value)])
  }

  static func isURI(_ text: String) -> Bool { StringFormat.uri.isValid(text) }
}
