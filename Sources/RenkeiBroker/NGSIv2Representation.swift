import RenkeiCore

/// How entities are rendered ("JSON Entity Representation", "Simplified Entity Representation",
/// "Filtering out attributes and metadata", "Builtin Attributes", "Builtin Metadata").
struct NGSIv2Representation: Sendable {
  enum Mode: String, Sendable {
    case normalized, keyValues, values, unique
  }

  var mode: Mode = .normalized
  /// `attrs`: the attributes in this order; `*` stands for every user attribute. nil: all user ones.
  var attributes: [String]?
  /// `metadata`: the metadata to render; `*` stands for every user metadata. nil: all user ones.
  var metadata: [String]?

  static let builtinAttributes: Set<String> = ["dateCreated", "dateModified", "dateExpires", "servicePath"]
  static let builtinMetadata: Set<String> = ["dateCreated", "dateModified"]

  /// The attributes to render, in order: user attributes win over builtins of the same name.
  func selected(_ entity: NGSIv2Entity) -> [NGSIv2Entity.Attribute] {
    guard let attributes else { return entity.attributes }
    var out: [NGSIv2Entity.Attribute] = []
    var seen: Set<String> = []
    func add(_ attribute: NGSIv2Entity.Attribute) {
      if seen.insert(attribute.name).inserted { out.append(attribute) }
    }
    for name in attributes {
      if name == "*" {
        entity.attributes.forEach(add)
      } else if let attribute = entity.attribute(name) {
        add(attribute)
      } else if let builtin = Self.builtin(name, entity) {
        add(builtin)
      }
    }
    return out
  }

  static func builtin(_ name: String, _ entity: NGSIv2Entity) -> NGSIv2Entity.Attribute? {
    let value: JSONTree
    let type: String
    switch name {
    case "dateCreated": (value, type) = (.string(entity.dateCreated), "DateTime")
    case "dateModified": (value, type) = (.string(entity.dateModified), "DateTime")
    case "servicePath": (value, type) = (.string(entity.servicePath), "Text")
    default: return nil
    }
    return NGSIv2Entity.Attribute(
      name: name, type: type, value: value, dateCreated: entity.dateCreated, dateModified: entity.dateModified)
  }

  /// The rendered value of a geo:json attribute: the geometry of a Feature or FeatureCollection.
  static func outputValue(_ attribute: NGSIv2Entity.Attribute) -> JSONTree {
    if attribute.type == "geo:json", attribute.metadata("ignoreType")?.value != .bool(true),
      let geometry = NGSIv2GeoQuery.geometryValue(attribute.value)
    {
      return geometry
    }
    return attribute.value
  }

  /// `{"type", "value", "metadata"}` with the selected metadata (`{}` when none).
  func attributeObject(_ attribute: NGSIv2Entity.Attribute) -> JSONTree {
    var metadataMembers: [(key: String, value: JSONTree)] = []
    func add(_ item: NGSIv2Entity.Metadata) {
      guard !metadataMembers.contains(where: { $0.key == item.name }) else { return }
      metadataMembers.append((item.name, .object([("type", .string(item.type)), ("value", item.value)])))
    }
    if let metadata {
      for name in metadata {
        if name == "*" {
          attribute.metadata.forEach(add)
        } else if let item = attribute.metadata(name) {
          add(item)
        } else if name == "dateCreated" {
          add(NGSIv2Entity.Metadata(name: name, type: "DateTime", value: .string(attribute.dateCreated)))
        } else if name == "dateModified" {
          add(NGSIv2Entity.Metadata(name: name, type: "DateTime", value: .string(attribute.dateModified)))
        }
      }
    } else {
      attribute.metadata.forEach(add)
    }
    return .object([
      ("type", .string(attribute.type)), ("value", Self.outputValue(attribute)), ("metadata", .object(metadataMembers)),
    ])
  }

  /// An entity (with id and type unless `attributesOnly`).
  func render(_ entity: NGSIv2Entity, attributesOnly: Bool = false) -> JSONTree {
    let attributes = selected(entity)
    switch mode {
    case .values, .unique:
      var values: [JSONTree] = []
      for attribute in attributes {
        let value = Self.outputValue(attribute)
        if mode == .unique && values.contains(value) { continue }
        values.append(value)
      }
      return .array(values)
    case .normalized, .keyValues:
      var members: [(key: String, value: JSONTree)] = []
      if !attributesOnly {
        members.append(("id", .string(entity.id)))
        members.append(("type", .string(entity.type)))
      }
      for attribute in attributes {
        members.append((attribute.name, mode == .keyValues ? Self.outputValue(attribute) : attributeObject(attribute)))
      }
      return .object(members)
    }
  }
}
