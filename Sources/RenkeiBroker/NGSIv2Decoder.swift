import RenkeiCore

/// Reads entities and attributes from request payloads ("JSON Entity Representation", "JSON
/// Attribute Representation", "Partial Representations"), normalized or keyValues, checking the
/// syntax restrictions on the way.
struct NGSIv2Decoder: Sendable {
  var keyValues = false
  var now: String

  /// The attributes of an entity body, skipping `id` and `type` (which the caller handles).
  func attributes(_ body: JSONTree) throws(NGSIv2Error) -> [NGSIv2Entity.Attribute] {
    guard let members = body.members else { throw .badRequest("payload must be a JSON object") }
    var out: [NGSIv2Entity.Attribute] = []
    for (name, value) in members where name != "id" && name != "type" {
      let attribute = try self.attribute(name, value)
      if let at = out.firstIndex(where: { $0.name == name }) { out[at] = attribute } else { out.append(attribute) }
    }
    var locations = 0
    for attribute in out where attribute.isLocation { locations += 1 }
    if locations > 1 { throw Self.tooManyLocations }
    return out
  }

  static let tooManyLocations = NGSIv2Error(
    413, "NoResourcesAvailable", "You cannot use more than one geo location attribute when creating an entity")

  /// One attribute: an object with value/type/metadata, or (keyValues) the bare value.
  func attribute(_ name: String, _ tree: JSONTree) throws(NGSIv2Error) -> NGSIv2Entity.Attribute {
    try NGSIv2Syntax.checkAttributeName(name)
    var value: JSONTree
    var type: String?
    var metadata: [NGSIv2Entity.Metadata] = []
    if keyValues {
      value = tree
    } else {
      guard let members = tree.members else {
        throw .badRequest("attribute must be a JSON object, unless keyValues option is used")
      }
      value = .null
      for (key, member) in members {
        switch key {
        case "value": value = member
        case "type":
          guard let text = member.string else { throw .badRequest("invalid JSON type for attribute type") }
          try NGSIv2Syntax.checkIdentifier(text, "attribute type")
          type = text
        case "metadata": metadata = try self.metadata(member)
        default: throw .badRequest("unrecognized property for context attribute: \(key)")
        }
      }
    }
    let attributeType = type ?? NGSIv2Syntax.defaultType(value)
    let unrestricted =
      attributeType == "TextUnrestricted"
      || metadata.contains { $0.name == "TextUnrestricted" && $0.value == .bool(true) }
    if !unrestricted { try NGSIv2Syntax.checkValue(value) }
    try Self.checkSpecialType(attributeType, value, metadata)
    return NGSIv2Entity.Attribute(
      name: name, type: attributeType, value: value, metadata: metadata, dateCreated: now, dateModified: now)
  }

  func metadata(_ tree: JSONTree) throws(NGSIv2Error) -> [NGSIv2Entity.Metadata] {
    guard let members = tree.members else { throw .badRequest("metadata must be a JSON object") }
    var out: [NGSIv2Entity.Metadata] = []
    for (name, item) in members {
      try NGSIv2Syntax.checkIdentifier(name, "metadata name")
      if name == "*" { throw .badRequest("Invalid metadata name: *") }
      guard let fields = item.members else { throw .badRequest("metadata \(name) must be a JSON object") }
      var value: JSONTree = .null
      var type: String?
      for (key, member) in fields {
        switch key {
        case "value": value = member
        case "type":
          guard let text = member.string else { throw .badRequest("invalid JSON type for metadata type") }
          try NGSIv2Syntax.checkIdentifier(text, "metadata type")
          type = text
        default: throw .badRequest("unrecognized property for metadata: \(key)")
        }
      }
      try NGSIv2Syntax.checkValue(value)
      let metadataType = type ?? NGSIv2Syntax.defaultType(value)
      if ["DateTime", "ISO8601"].contains(metadataType), value != .null {
        guard let text = value.string, NGSIv2DateTime.parse(text) != nil else {
          throw .badRequest("date has invalid format in metadata \(name)")
        }
      }
      out.append(NGSIv2Entity.Metadata(name: name, type: metadataType, value: value))
    }
    return out
  }

  /// DateTime values must be ISO 8601 ("Datetime support"); geo:json values GeoJSON ("GeoJSON").
  static func checkSpecialType(_ type: String, _ value: JSONTree, _ metadata: [NGSIv2Entity.Metadata])
    throws(NGSIv2Error)
  {
    guard value != .null, !metadata.contains(where: { $0.name == "ignoreType" && $0.value == .bool(true) }) else {
      return
    }
    if type == "DateTime" || type == "ISO8601" {
      guard let text = value.string, NGSIv2DateTime.parse(text) != nil else {
        throw .badRequest("date has invalid format")
      }
    }
    if type == "geo:json" {
      guard NGSIv2GeoQuery.geometry(of: value) != nil else {
        throw .badRequest("error parsing location attribute: invalid GeoJSON")
      }
    }
  }
}
