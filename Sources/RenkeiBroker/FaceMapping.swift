import RenkeiCore

/// The representation mapping between the NGSI v2 face and the store the NGSI-LD face shares
/// with it (modelled on Orion-LD's NGSIv2 ↔ NGSI-LD mapping; the table is in the README):
///
/// - ids are the same string; a v2 id that is not a URI is not visible through NGSI-LD, an
///   NGSI-LD id that is not a v2 identifier (e.g. `http://…`) is not visible through NGSI v2;
/// - v2 names (entity type, attribute, metadata) are terms of the core context: `Room` is
///   `https://uri.etsi.org/ngsi-ld/default-context/Room`, `location` the core `location`;
///   expanded names without a term show in v2 as the full IRI;
/// - attribute type `Relationship` ↔ Relationship, `geo:json` ↔ GeoProperty, the other LD
///   attribute types (`LanguageProperty`, `VocabProperty`, `JsonProperty`, `ListProperty`,
///   `ListRelationship`) keep their name as v2 type, anything else ↔ Property;
/// - metadata ↔ sub-attributes, but `TimeInstant` ↔ `observedAt`, `unitCode` ↔ `unitCode`,
///   `datasetId` ↔ `datasetId`; dateCreated/dateModified ↔ createdAt/modifiedAt;
/// - of a multi-instance attribute v2 shows the default instance (else the first one, with a
///   `datasetId` metadata) and writes only that instance;
/// - v2 `DateTime` ↔ a Property whose value is `{"@type": "DateTime", "@value": …}`;
/// - v2 null ↔ the NGSI-LD null `urn:ngsi-ld:null`;
/// - GeoProperties after the first show in v2 with `ignoreType` (v2 allows one location).
struct FaceMapping: Sendable {
  /// The core context alone: NGSI v2 has no @context.
  let context: ActiveContext

  init(context: ActiveContext = ContextResolver().core) { self.context = context }

  static let null = "urn:ngsi-ld:null"
  /// NGSI-LD attribute types that keep their name as NGSI v2 attribute type.
  static let namedTypes: Set<String> = [
    "LanguageProperty", "VocabProperty", "JsonProperty", "ListProperty", "ListRelationship",
  ]

  // MARK: NGSI v2 → store

  /// The stored form of a v2 entity. `previous` (with `previousForm`, how v2 saw it) supplies what
  /// v2 cannot see: extra entity types, scope, other datasetId instances of changed attributes,
  /// and the stored instances of attributes v2 left as they were.
  func storedEntity(_ entity: NGSIv2Entity, previous: StoredEntity?, previousForm: NGSIv2Entity?) -> StoredEntity {
    let type = context.expand(entity.type)
    var stored =
      previous
      ?? StoredEntity(
        id: entity.id, types: [type], scope: nil, createdAt: entity.dateCreated, modifiedAt: entity.dateModified)
    if stored.types.first != type { stored.types = [type] }
    stored.modifiedAt = entity.dateModified
    stored.servicePath = entity.servicePath
    stored.visibleToNGSILD = NGSILDSyntax.isURI(entity.id)
    var attributes: [(name: String, instances: [JSONTree])] = []
    var forms: [String: NGSIv2AttributeForm] = [:]
    for attribute in entity.attributes {
      let name = context.expand(attribute.name)
      if let old = previousForm?.attribute(attribute.name), old == attribute, let kept = previous?.attribute(name) {
        attributes.append((name, kept))
        if let form = previous?.v2Forms[name] { forms[name] = form }
        continue
      }
      let instance = self.instance(attribute)
      var instances = previous?.attribute(name) ?? []
      let dataset = instance["datasetId"]?.string
      if let at = instances.firstIndex(where: { $0["datasetId"]?.string == dataset }) {
        instances[at] = instance
      } else {
        instances.append(instance)
      }
      attributes.append((name, instances))
      forms[name] = NGSIv2AttributeForm(attribute: attribute, instance: instance)
    }
    stored.attributes = attributes
    stored.v2Forms = forms
    return stored
  }

  /// The normalized NGSI-LD instance of a v2 attribute.
  func instance(_ attribute: NGSIv2Entity.Attribute) -> JSONTree {
    let value = NGSIv2Representation.outputValue(attribute)
    var out: [(key: String, value: JSONTree)] = Self.typed(attribute.type, value)
    for item in attribute.metadata {
      switch item.name {
      case "TimeInstant" where item.value.string.map(NGSILDSyntax.isDateTime) ?? false:
        out.append(("observedAt", item.value))
      case "unitCode" where item.value.string != nil:
        out.append(("unitCode", item.value))
      case "datasetId" where item.value.string.map(NGSILDSyntax.isURI) ?? false:
        out.append(("datasetId", item.value))
      case "ignoreType" where attribute.type == "geo:json":
        // A v2 device for one location per entity; NGSI-LD has no such limit.
        continue
      default:
        var sub = Self.typed(item.type, item.value)
        sub.append(("createdAt", .string(attribute.dateCreated)))
        sub.append(("modifiedAt", .string(attribute.dateModified)))
        out.append((context.expand(item.name), .object(sub)))
      }
    }
    out.append(("createdAt", .string(attribute.dateCreated)))
    out.append(("modifiedAt", .string(attribute.dateModified)))
    return .object(out)
  }

  /// `type` and content member of the instance for a v2 type and value.
  static func typed(_ type: String, _ value: JSONTree) -> [(key: String, value: JSONTree)] {
    if type == "Relationship", isRelationshipTarget(value) {
      return [("type", .string("Relationship")), ("object", value)]
    }
    if type == "geo:json", NGSILDSyntax.isGeometry(value) {
      return [("type", .string("GeoProperty")), ("value", value)]
    }
    if type == "DateTime", value.string != nil {
      // NGSI-LD writes a DateTime value as a JSON-LD typed value (clause 4.6.3).
      return [("type", .string("Property")), ("value", .object([("@type", .string("DateTime")), ("@value", value)]))]
    }
    if namedTypes.contains(type), fits(type, value), let content = NGSILDSyntax.contentMember[type] {
      return [("type", .string(type)), (content, value)]
    }
    return [("type", .string("Property")), ("value", value == .null ? .string(null) : value)]
  }

  static func isRelationshipTarget(_ value: JSONTree) -> Bool {
    let targets = value.array ?? [value]
    return !targets.isEmpty && targets.allSatisfy { $0.string.map(NGSILDSyntax.isURI) ?? false }
  }

  /// Whether a value has the shape the NGSI-LD attribute type needs (clause 4.5).
  static func fits(_ type: String, _ value: JSONTree) -> Bool {
    switch type {
    case "LanguageProperty": return value.members?.allSatisfy { $0.value.string != nil } ?? false
    case "VocabProperty": return (value.array ?? [value]).allSatisfy { $0.string != nil }
    case "ListProperty": return value.array != nil
    case "ListRelationship": return value.array.map { $0.allSatisfy(isRelationshipTarget) } ?? false
    default: return value != .null
    }
  }

  // MARK: store → NGSI v2

  /// The v2 form of a stored entity; nil when its id is not a v2 identifier.
  func v2Entity(_ entity: StoredEntity) -> NGSIv2Entity? {
    guard NGSIv2Syntax.isIdentifier(entity.id), let type = entity.types.first else { return nil }
    var attributes = entity.attributes.compactMap { v2Attribute($0.name, $0.instances, form: entity.v2Forms[$0.name]) }
    // v2 allows one location ("Geospatial properties of entities"): further GeoProperties (e.g.
    // observationSpace) show as geo:json marked ignoreType.
    var locations = 0
    for index in attributes.indices where attributes[index].isLocation {
      locations += 1
      if locations > 1 {
        attributes[index].metadata.append(
          NGSIv2Entity.Metadata(name: "ignoreType", type: "Boolean", value: .bool(true)))
      }
    }
    return NGSIv2Entity(
      id: entity.id, type: context.compact(type), servicePath: entity.servicePath, attributes: attributes,
      dateCreated: entity.createdAt, dateModified: entity.modifiedAt)
  }

  /// The v2 form of an attribute: the kept `form` while it still describes the shown instance,
  /// else derived from that instance (the default one, else the first).
  func v2Attribute(_ name: String, _ instances: [JSONTree], form: NGSIv2AttributeForm? = nil)
    -> NGSIv2Entity.Attribute?
  {
    guard let shown = instances.first(where: { $0["datasetId"] == nil }) ?? instances.first else { return nil }
    if let form, form.instance == shown { return form.attribute }
    let (type, value) = Self.v2TypeAndValue(shown)
    var metadata: [NGSIv2Entity.Metadata] = []
    for (key, member) in shown.members ?? [] {
      switch key {
      case "type", "createdAt", "modifiedAt", NGSILDSyntax.contentMember[shown["type"]?.string ?? ""] ?? "value":
        continue
      case "observedAt":
        metadata.append(NGSIv2Entity.Metadata(name: "TimeInstant", type: "DateTime", value: member))
      case "unitCode", "datasetId", "objectType", "lang":
        metadata.append(NGSIv2Entity.Metadata(name: key, type: NGSIv2Syntax.defaultType(member), value: member))
      default:
        let (subType, subValue) = Self.v2TypeAndValue(member)
        metadata.append(NGSIv2Entity.Metadata(name: context.compact(key), type: subType, value: subValue))
      }
    }
    let stamp = shown["createdAt"]?.string ?? ""
    return NGSIv2Entity.Attribute(
      name: context.compact(name), type: type, value: value, metadata: metadata, dateCreated: stamp,
      dateModified: shown["modifiedAt"]?.string ?? stamp)
  }

  /// The v2 type and value of an instance (or sub-attribute).
  static func v2TypeAndValue(_ instance: JSONTree) -> (String, JSONTree) {
    let type = instance["type"]?.string ?? "Property"
    let content = instance[NGSILDSyntax.contentMember[type] ?? "value"] ?? .null
    switch type {
    case "Relationship": return ("Relationship", content)
    case "GeoProperty": return ("geo:json", content)
    case "Property":
      if content.string == null { return ("None", .null) }
      if content["@type"]?.string == "DateTime", let stamp = content["@value"] { return ("DateTime", stamp) }
      return (NGSIv2Syntax.defaultType(content), content)
    default: return (type, content)
    }
  }

  /// The v2 change an NGSI-LD change of the store is (for the v2 face's subscriptions); nil when
  /// the entity is not visible through v2.
  func v2Change(_ change: EntityStore.Change) -> NGSIv2Broker.Change? {
    let before = change.before.flatMap(v2Entity)
    let after = change.after.flatMap(v2Entity)
    switch (before, after) {
    case (nil, let created?):
      let names = created.attributes.map(\.name)
      return NGSIv2Broker.Change(entity: created, alteration: .entityCreate, touched: names, changed: names)
    case (let deleted?, nil):
      let names = deleted.attributes.map(\.name)
      return NGSIv2Broker.Change(entity: deleted, alteration: .entityDelete, touched: names, changed: names)
    case (let old?, let new?):
      let touched = (change.created + change.updated + change.deleted).map(context.compact)
      let changed = NGSIv2Broker.changedNames(touched, old: old, new: new)
      return NGSIv2Broker.Change(
        entity: new, alteration: changed.isEmpty ? .entityUpdate : .entityChange, touched: touched, changed: changed)
    case (nil, nil):
      return nil
    }
  }
}
