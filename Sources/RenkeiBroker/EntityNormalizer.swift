import RenkeiCore

/// Turns request payloads (normalized or concise, clause 4.5) into the stored form, rejecting what
/// the specification forbids with BadRequestData.
struct EntityNormalizer: Sendable {
  var context: ActiveContext
  /// Timestamp written to createdAt and modifiedAt of what is created.
  var now: String

  /// A whole entity (create, replace, batch operations).
  func entity(_ payload: JSONTree, requireId: Bool = true, requireType: Bool = true) throws(ProblemDetails)
    -> StoredEntity
  {
    guard let members = payload.members else { throw ProblemDetails.badRequest("An entity must be a JSON object") }
    var id = ""
    if let raw = payload["id"] ?? payload["@id"] {
      guard let text = raw.string, NGSILDSyntax.isURI(text) else {
        throw ProblemDetails.badRequest("Entity id is not a URI", detail: "\(raw)")
      }
      id = text
    } else if requireId {
      throw ProblemDetails.badRequest("Entity id is missing")
    }
    let types = try entityTypes(payload["type"] ?? payload["@type"], required: requireType)
    var entity = StoredEntity(id: id, types: types, scope: nil, createdAt: now, modifiedAt: now)
    if let scope = payload["scope"] { entity.scope = try self.scope(scope) }
    for (name, value) in members where !NGSILDSyntax.entityMembers.contains(name) && name != "@id" && name != "@type" {
      let expanded = try attributeName(name)
      if entity.hasAttribute(expanded) { throw ProblemDetails.badRequest("Attribute \(name) given twice") }
      entity.attributes.append((expanded, try attribute(name, value)))
    }
    return entity
  }

  /// The attributes of a fragment (append, update, merge): nil instances mark a deletion.
  func fragment(_ payload: JSONTree) throws(ProblemDetails) -> Fragment {
    guard let members = payload.members else { throw ProblemDetails.badRequest("The fragment must be a JSON object") }
    var fragment = Fragment()
    if let raw = payload["type"] { fragment.types = try entityTypes(raw, required: true) }
    if let scope = payload["scope"] { fragment.scope = try self.scope(scope) }
    for (name, value) in members where !NGSILDSyntax.entityMembers.contains(name) {
      let expanded = try attributeName(name)
      let items = value.array ?? [value]
      if !items.isEmpty && items.allSatisfy(NGSILDSyntax.isNullMarker) {
        // The NULL marker deletes the instances it names by datasetId (none: the default instance).
        fragment.attributes.append((name, expanded, nil, items.map { $0["datasetId"]?.string }))
      } else {
        fragment.attributes.append((name, expanded, try attribute(name, value), []))
      }
    }
    return fragment
  }

  struct Fragment: Sendable {
    var types: [String]?
    var scope: JSONTree?
    var attributes: [(term: String, name: String, instances: [JSONTree]?, deleted: [String?])] = []
  }

  func entityTypes(_ value: JSONTree?, required: Bool) throws(ProblemDetails) -> [String] {
    guard let value else {
      if required { throw ProblemDetails.badRequest("Entity type is missing") }
      return []
    }
    let names: [JSONTree] = value.array ?? [value]
    guard !names.isEmpty else { throw ProblemDetails.badRequest("Entity type is empty") }
    var out: [String] = []
    for name in names {
      guard let text = name.string, NGSILDSyntax.isValidName(text) else {
        throw ProblemDetails.badRequest("Invalid entity type", detail: "\(name)")
      }
      let expanded = context.expand(text)
      if !out.contains(expanded) { out.append(expanded) }
    }
    return out
  }

  func scope(_ value: JSONTree) throws(ProblemDetails) -> JSONTree {
    let items = value.array ?? [value]
    for item in items {
      guard let text = item.string, text.hasPrefix("/"), !text.contains("//"), !text.contains(" ") else {
        throw ProblemDetails.badRequest("Invalid scope", detail: "\(item)")
      }
    }
    return value
  }

  func attributeName(_ name: String) throws(ProblemDetails) -> String {
    guard NGSILDSyntax.isValidName(name) else {
      throw ProblemDetails.badRequest("Invalid attribute name", detail: name)
    }
    let expanded = context.expand(name)
    return expanded
  }

  /// One attribute: its instances (one per datasetId).
  func attribute(_ name: String, _ value: JSONTree) throws(ProblemDetails) -> [JSONTree] {
    if let items = value.array, !items.isEmpty, items.allSatisfy(\.isObject),
      items.allSatisfy({ $0["type"] != nil || NGSILDSyntax.contentMember.values.contains(where: $0.keys.contains) })
    {
      var instances: [JSONTree] = []
      for item in items {
        let instance = try self.instance(name, item)
        let dataset = instance["datasetId"]?.string
        if instances.contains(where: { $0["datasetId"]?.string == dataset }) {
          throw ProblemDetails.badRequest("Attribute \(name) has two instances with the same datasetId")
        }
        instances.append(instance)
      }
      return instances
    }
    return [try instance(name, value)]
  }

  /// One attribute instance in normalized form.
  func instance(_ name: String, _ value: JSONTree, depth: Int = 0) throws(ProblemDetails) -> JSONTree {
    guard depth < 32 else { throw ProblemDetails.badRequest("Attributes nested too deeply") }
    guard value.isObject else {
      if value == .null { throw ProblemDetails.badRequest("Attribute \(name) is null") }
      // Concise: a bare value is a Property.
      return .object([
        ("type", .string("Property")), ("value", value), ("createdAt", .string(now)), ("modifiedAt", .string(now)),
      ])
    }
    var source = value
    var type = source["type"]?.string
    if source["type"] != nil && type == nil { throw ProblemDetails.badRequest("Attribute \(name) has an invalid type") }
    if let given = type, NGSILDSyntax.geometryTypes.contains(given), NGSILDSyntax.isGeometry(source) {
      // Concise GeoProperty: the geometry itself.
      source = .object([("value", source)])
      type = "GeoProperty"
    }
    if type == nil {
      type = Self.conciseType(source) ?? "Property"
      if Self.conciseType(source) == nil {
        // An object without any attribute member is the value of a concise Property.
        source = .object([("value", source)])
      }
    }
    guard let attributeType = type, let content = NGSILDSyntax.contentMember[attributeType] else {
      throw ProblemDetails.badRequest("Attribute \(name) has an unknown type", detail: type)
    }
    guard let payload = source[content] else {
      throw ProblemDetails.badRequest("\(attributeType) \(name) has no \(content)")
    }
    try check(attributeType, name, payload)
    var out: [(key: String, value: JSONTree)] = [("type", .string(attributeType)), (content, payload)]
    if attributeType == "Property" && (name == "location" || name == "observationSpace" || name == "operationSpace")
      && !NGSILDSyntax.isGeometry(payload) && payload.isObject
    {
      throw ProblemDetails.badRequest("\(name) must be a GeoProperty")
    }
    if attributeType == "GeoProperty" && !NGSILDSyntax.isGeometry(payload) {
      throw ProblemDetails.badRequest("GeoProperty \(name) has an invalid geometry", detail: "\(payload)")
    }
    for (key, member) in source.members ?? [] where key != "type" && key != content {
      switch key {
      case "datasetId":
        guard let text = member.string, NGSILDSyntax.isURI(text) else {
          throw ProblemDetails.badRequest("datasetId of \(name) is not a URI")
        }
        out.append((key, member))
      case "observedAt":
        guard let text = member.string, NGSILDSyntax.isDateTime(text) else {
          throw ProblemDetails.badRequest("observedAt of \(name) is not a DateTime")
        }
        out.append((key, member))
      case "unitCode", "objectType", "lang":
        out.append((key, member))
      case "createdAt", "modifiedAt", "deletedAt", "instanceId", "@context":
        continue
      default:
        if NGSILDSyntax.attributeMembers.contains(key) { continue }
        let expanded = try attributeName(key)
        out.append((expanded, try instance(key, member, depth: depth + 1)))
      }
    }
    out.append(("createdAt", .string(now)))
    out.append(("modifiedAt", .string(now)))
    return .object(out)
  }

  private func check(_ type: String, _ name: String, _ payload: JSONTree) throws(ProblemDetails) {
    switch type {
    case "Property", "GeoProperty":
      if payload == .null { throw ProblemDetails.badRequest("\(name) has a null value") }
    case "Relationship":
      let targets = payload.array ?? [payload]
      guard !targets.isEmpty, targets.allSatisfy({ $0.string.map(NGSILDSyntax.isURI) ?? false }) else {
        throw ProblemDetails.badRequest("Relationship \(name) must target a URI", detail: "\(payload)")
      }
    case "LanguageProperty":
      guard let members = payload.members, members.allSatisfy({ $0.value.string != nil || $0.value.array != nil })
      else { throw ProblemDetails.badRequest("languageMap of \(name) must map languages to strings") }
    case "ListProperty", "ListRelationship":
      guard payload.array != nil else { throw ProblemDetails.badRequest("\(type) \(name) needs an array") }
    case "VocabProperty":
      let items = payload.array ?? [payload]
      guard items.allSatisfy({ $0.string != nil }) else {
        throw ProblemDetails.badRequest("vocab of \(name) must be a string or strings")
      }
    default: break
    }
  }

  /// The attribute type a concise attribute implies (clause 4.5.4).
  static func conciseType(_ value: JSONTree) -> String? {
    if value["object"] != nil { return "Relationship" }
    if value["languageMap"] != nil { return "LanguageProperty" }
    if value["vocab"] != nil { return "VocabProperty" }
    if value["valueList"] != nil { return "ListProperty" }
    if value["objectList"] != nil { return "ListRelationship" }
    if value["json"] != nil { return "JsonProperty" }
    if let inner = value["value"] {
      return NGSILDSyntax.isGeometry(inner) ? "GeoProperty" : "Property"
    }
    return nil
  }
}
