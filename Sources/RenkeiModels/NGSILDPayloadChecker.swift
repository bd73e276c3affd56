import RenkeiCore
import RenkeiStringFormats

/// The structure rules of NGSI-LD entities (ETSI GS CIM 009): identifiers, attribute types and
/// the member each type requires, temporal members, datasetId, unitCode, names.
public struct NGSILDPayloadChecker: Sendable {
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
    // Members are looked up by their bytes (`member`): the names hold no character that a
    // different code point is canonically equivalent to, so it finds what `entity["id"]` would.
    if let id = entity.member("id") {
      if id.string.map(NGSILDPayloadChecker.isURI) != true {
        report(
          NGSILDRules.idNotURI, id, ["found": JSONWriter().string(id), "type": entity.member("type")?.string ?? "Type"])
      }
    } else {
      report(NGSILDRules.missingID, entity)
    }
    let type = entity.member("type")
    if type == nil
      || !(type!.kind == .string || (type!.kind == .array && type!.elements.allSatisfy { $0.kind == .string }))
    {
      report(NGSILDRules.missingType, type ?? entity)
    }
    if requireContext && entity.member("@context") == nil { report(NGSILDRules.contextMissing, entity) }
    entity.forEachMember { key, value in
      let kind = NGSILDPayloadChecker.memberKind(key)
      if kind == .temporal {
        checkDateTime(key.string ?? "", value, report)
        return
      }
      guard kind != .core else { return }
      // Names are only made into strings when they need a closer look or go into a finding.
      if kind == .suspectName { checkName(key.string ?? "", key, report) }
      if representation != .ngsiLDKeyValues {
        checkAttribute(AttributeName(key: key), value, representation, report) { geometry in
          // RFC 7946 checks run on the original payload, so their locations are exact.
          out += GeoJSONValidator().geometryFindings(locate(geometry), file: file, documentNumber: documentNumber)
        }
      }
    }
    return out
  }

  /// What a member of an entity is, by its name.
  enum MemberKind {
    /// observedAt, createdAt, modifiedAt, deletedAt.
    case temporal
    /// The other core members (`Representation.isCoreMember`): id, type, @context, scope.
    case core
    /// An attribute whose name holds a character terms may not hold, or is a reserved term.
    case suspectName
    case attribute
  }

  /// The kind of the member named `key`, read from the name's bytes once (this runs for every
  /// member of every entity): the same answers as comparing the name with each term in turn.
  static func memberKind(_ key: JSONValue) -> MemberKind {
    key.withStringBytes { name -> MemberKind in
      func isName(_ text: StaticString) -> Bool {
        guard name.count == text.utf8CodeUnitCount else { return false }
        return name.isEmpty || memcmp(name.baseAddress!, text.utf8Start, name.count) == 0
      }
      if isName("observedAt") || isName("createdAt") || isName("modifiedAt") || isName("deletedAt") {
        return .temporal
      }
      if isName("id") || isName("type") || isName("@context") || isName("scope") { return .core }
      for byte in name {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "="),
          UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "&"), UInt8(ascii: "?"),
          UInt8(ascii: "#"), UInt8(ascii: "/"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"),
          UInt8(ascii: "\r"):
          return .suspectName
        default: continue
        }
      }
      let reserved =
        isName("value") || isName("object") || isName("objectType") || isName("languageMap") || isName("vocab")
        || isName("valueList") || isName("objectList") || isName("json") || isName("datasetId")
        || isName("unitCode") || isName("instanceId") || isName("previousValue") || isName("previousObject")
      return reserved ? .suspectName : .attribute
    } ?? .attribute
  }

  /// An attribute's name ("address", or "address.source" for a sub-attribute), made into a
  /// string only when a finding names it: most attributes have none.
  struct AttributeName {
    let key: JSONValue
    /// The enclosing attribute's name, for a sub-attribute.
    var parent: String? = nil

    var text: String {
      let name = key.string ?? ""
      return parent.map { $0 + "." + name } ?? name
    }
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
    _ name: AttributeName, _ value: JSONValue, _ representation: Representation,
    _ report: (Rule, JSONValue, [String: String]) -> Void, _ geometryReport: (JSONValue) -> Void
  ) {
    if representation == .ngsiLDKeyValues { return }
    // A multi-attribute is a non-empty array of instances; anything else is one instance.
    guard value.kind == .array && value.count > 0 && NGSILDPayloadChecker.allElementsAreObjects(value) else {
      return checkInstance(name, value, representation, report, geometryReport)
    }
    if value.count > 1 {
      var seen: [String: Bool] = [:]
      value.forEachElement { _, instance in
        let datasetID = instance.member("datasetId")?.string ?? ""
        if seen[datasetID] != nil {
          report(
            NGSILDRules.datasetIDDuplicate, instance.member("datasetId") ?? instance,
            ["attribute": name.text, "found": datasetID.isEmpty ? "(none)" : datasetID])
        }
        seen[datasetID] = true
      }
    }
    value.forEachElement { _, instance in checkInstance(name, instance, representation, report, geometryReport) }
  }

  static func allElementsAreObjects(_ array: JSONValue) -> Bool {
    var all = true
    array.forEachElement { _, element in all = all && element.kind == .object }
    return all
  }

  private func checkInstance(
    _ name: AttributeName, _ attribute: JSONValue, _ representation: Representation,
    _ report: (Rule, JSONValue, [String: String]) -> Void, _ geometryReport: (JSONValue) -> Void
  ) {
    guard attribute.kind == .object else {
      if representation == .ngsiLDNormalized {
        report(NGSILDRules.attributeNotObject, attribute, ["attribute": name.text])
      }
      return
    }
    // A "type" that is not a string counts as none.
    let typeMember = attribute.member("type").flatMap { $0.kind == .string ? $0 : nil }
    let type = typeMember.flatMap(NGSILDAttributeType.init)
    if let typeMember, type == nil {
      // Concise attributes carry no type; a GeoJSON value in concise form is not an attribute type either.
      if representation == .ngsiLDNormalized {
        report(
          NGSILDRules.attributeType, typeMember, ["attribute": name.text, "found": "\"\(typeMember.string ?? "")\""])
      }
      return
    }
    if type == nil && representation == .ngsiLDNormalized {
      report(NGSILDRules.attributeType, attribute, ["attribute": name.text, "found": "none"])
      return
    }
    switch type ?? NGSILDAttributeType.concise(of: attribute) {
    case .property:
      if attribute.member("value")?.isNull ?? true {
        report(NGSILDRules.propertyValue, attribute, ["attribute": name.text])
      }
    case .relationship:
      let object = attribute.member("object")
      let valid =
        object.map { target in
          target.string.map(NGSILDPayloadChecker.isURI)
            ?? (target.kind == .array && target.count > 0
              && target.elements.allSatisfy { $0.string.map(NGSILDPayloadChecker.isURI) == true })
        } ?? false
      if !valid {
        report(
          NGSILDRules.relationshipObject, object ?? attribute,
          ["attribute": name.text, "found": object.map { JSONWriter().string($0) } ?? "nothing"])
      }
    case .geoProperty:
      let value = attribute.member("value")
      if let problem = NGSILDPayloadChecker.geometryProblem(value) {
        report(NGSILDRules.geoPropertyValue, value ?? attribute, ["attribute": name.text, "detail": problem])
      } else if let geometry = value {
        // A well-shaped geometry still gets the RFC 7946 checks (ranges, rings, winding).
        geometryReport(geometry)
      }
    case .languageProperty:
      let map = attribute.member("languageMap")
      var entriesOK = true
      map?.forEachMember { _, entry in entriesOK = entriesOK && (entry.kind == .string || entry.kind == .array) }
      if map?.kind != .object || !entriesOK {
        report(NGSILDRules.languageMap, map ?? attribute, ["attribute": name.text])
      }
    case .vocabProperty:
      let vocab = attribute.member("vocab")
      if !(vocab?.kind == .string || (vocab?.kind == .array && vocab!.elements.allSatisfy { $0.kind == .string })) {
        report(NGSILDRules.vocab, vocab ?? attribute, ["attribute": name.text])
      }
    case .listProperty:
      let list = attribute.member("valueList")
      if list?.kind != .array { report(NGSILDRules.valueList, list ?? attribute, ["attribute": name.text]) }
    case .listRelationship:
      let list = attribute.member("objectList")
      if list?.kind != .array { report(NGSILDRules.objectList, list ?? attribute, ["attribute": name.text]) }
    case .jsonProperty:
      if attribute.member("json") == nil { report(NGSILDRules.json, attribute, ["attribute": name.text]) }
    case nil:
      break
    }
    attribute.forEachMember { key, member in
      // The usual members first: nothing more to check in them.
      if key.stringEquals("type") || key.stringEquals("value") { return }
      if key.stringEquals("observedAt") || key.stringEquals("createdAt") || key.stringEquals("modifiedAt")
        || key.stringEquals("deletedAt")
      {
        checkDateTime(key.string ?? "", member, report)
      } else if key.stringEquals("datasetId") {
        if member.string.map(NGSILDPayloadChecker.isURI) != true {
          report(NGSILDRules.datasetIDNotURI, member, ["attribute": name.text, "found": JSONWriter().string(member)])
        }
      } else if key.stringEquals("unitCode") {
        if member.string.map({ !$0.isEmpty && $0.count <= 8 }) != true {
          report(NGSILDRules.unitCode, member, ["attribute": name.text, "found": JSONWriter().string(member)])
        }
      } else if NGSILDPayloadChecker.isAttributeMember(key) {
        return
      } else if member.kind == .object,
        member.member("type").flatMap(NGSILDAttributeType.init) != nil || member.member("value") != nil
          || member.member("object") != nil
      {
        // A sub-attribute (Property of a Property, ...), in normalized or concise form.
        checkInstance(
          AttributeName(key: key, parent: name.text), member, representation, report, geometryReport)
      }
    }
  }

  /// Members of an attribute that are neither temporal, datasetId, unitCode nor sub-attributes
  /// ("type" and "value" are handled before).
  static func isAttributeMember(_ key: JSONValue) -> Bool {
    key.stringEquals("object") || key.stringEquals("languageMap") || key.stringEquals("vocab")
      || key.stringEquals("valueList") || key.stringEquals("objectList") || key.stringEquals("json")
      || key.stringEquals("objectType") || key.stringEquals("instanceId") || key.stringEquals("lang")
  }

  /// A short reason when `value` is not a GeoJSON geometry (RFC 7946 §3.1), or nil.
  static func geometryProblem(_ value: JSONValue?) -> String? {
    guard let value, value.kind == .object else { return "the value is not an object" }
    guard let typeMember = value.member("type"), let type = GeoJSONType.named(typeMember), type.isGeometry else {
      return "\"type\" must be one of \(geometryTypes.sorted().joined(separator: ", "))"
    }
    if type == .geometryCollection {
      return value.member("geometries")?.kind == .array ? nil : "a GeometryCollection needs \"geometries\""
    }
    guard let coordinates = value.member("coordinates"), coordinates.kind == .array else {
      return "\"coordinates\" is missing"
    }
    func positionsOK(_ v: JSONValue, depth: Int) -> Bool {
      guard v.kind == .array else { return false }
      var ok = true
      if depth == 0 {
        guard (2...3).contains(v.count) else { return false }
        v.forEachElement { _, element in ok = ok && element.kind == .number }
      } else {
        v.forEachElement { _, element in ok = ok && positionsOK(element, depth: depth - 1) }
      }
      return ok
    }
    let depth: Int
    switch type {
    case .point: depth = 0
    case .multiPoint, .lineString: depth = 1
    case .multiLineString, .polygon: depth = 2
    default: depth = 3
    }
    return positionsOK(coordinates, depth: depth)
      ? nil : "the coordinates do not have the shape of a \(type.rawValue)"
  }

  static let geometryTypes: Set<String> = [
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection",
  ]

  private func checkDateTime(
    _ member: String, _ value: JSONValue, _ report: (Rule, JSONValue, [String: String]) -> Void
  ) {
    let text = value.string ?? (value["@value"]?.string)
    if let text, StringFormat.dateTime.isValid(text), text.hasSuffix("Z") || text.hasSuffix("z") { return }
    report(NGSILDRules.dateTime, value, ["member": member, "found": JSONWriter().string(value)])
  }

  static func isURI(_ text: String) -> Bool { StringFormat.uri.isValid(text) }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
