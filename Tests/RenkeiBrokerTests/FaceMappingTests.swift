import RenkeiCore
import XCTest

@testable import RenkeiBroker

/// The NGSI v2 ↔ NGSI-LD representation mapping, rule by rule: a case where each rule applies and
/// one where it does not.
final class FaceMappingTests: XCTestCase {
  let mapping = FaceMapping()
  let stamp = "2026-01-02T03:04:05.000Z"
  let vocabulary = "https://uri.etsi.org/ngsi-ld/default-context/"

  func tree(_ json: String) -> JSONTree {
    do { return try JSONTree.parse(json) } catch {
      XCTFail("\(error)")
      return .null
    }
  }

  func v2Attribute(
    _ name: String, _ type: String, _ value: String, metadata: [(String, String, String)] = []
  ) -> NGSIv2Entity.Attribute {
    NGSIv2Entity.Attribute(
      name: name, type: type, value: tree(value),
      metadata: metadata.map { NGSIv2Entity.Metadata(name: $0.0, type: $0.1, value: tree($0.2)) }, dateCreated: stamp,
      dateModified: stamp)
  }

  func v2Entity(_ attributes: [NGSIv2Entity.Attribute], id: String = "urn:ngsi-ld:Room:1") -> NGSIv2Entity {
    NGSIv2Entity(
      id: id, type: "Room", servicePath: "/floor1", attributes: attributes, dateCreated: stamp, dateModified: stamp)
  }

  /// An entity as the NGSI-LD face stores it.
  func ldEntity(_ json: String) throws -> StoredEntity {
    try EntityNormalizer(context: mapping.context, now: stamp).entity(tree(json))
  }

  // MARK: ids, types, names

  func testIdAndTypeMapWithTheDefaultContext() throws {
    let stored = mapping.storedEntity(v2Entity([]), previous: nil, previousForm: nil)
    XCTAssertEqual(stored.id, "urn:ngsi-ld:Room:1")
    XCTAssertEqual(stored.types, [vocabulary + "Room"])
    XCTAssertEqual(stored.servicePath, "/floor1")
    let back = try XCTUnwrap(mapping.v2Entity(stored))
    XCTAssertEqual(back.type, "Room")
    XCTAssertEqual(back.servicePath, "/floor1")
    // A type IRI without a term in the core context stays the full IRI.
    let foreign = try ldEntity(#"{"id": "urn:a", "type": "http://example.org/T"}"#)
    XCTAssertEqual(mapping.v2Entity(foreign)?.type, "http://example.org/T")
  }

  func testIdsVisibleOnlyWhereTheyAreValid() throws {
    // A v2 id that is not a URI is kept but NGSI-LD does not show it.
    var tenant = EntityStore.Tenant()
    tenant.insert(mapping.storedEntity(v2Entity([], id: "Room1"), previous: nil, previousForm: nil))
    tenant.insert(mapping.storedEntity(v2Entity([], id: "urn:ngsi-ld:Room:2"), previous: nil, previousForm: nil))
    XCTAssertEqual(tenant.all.map(\.id), ["urn:ngsi-ld:Room:2"])
    XCTAssertEqual(tenant.keyed.map(\.entity.id), ["Room1", "urn:ngsi-ld:Room:2"])
    // An NGSI-LD id that is not a v2 identifier is not visible through v2.
    XCTAssertNil(mapping.v2Entity(try ldEntity(#"{"id": "http://example.org/room/1", "type": "Room"}"#)))
    XCTAssertNotNil(mapping.v2Entity(try ldEntity(#"{"id": "urn:ngsi-ld:Room:3", "type": "Room"}"#)))
  }

  func testAttributeNamesAreCoreContextTerms() throws {
    let stored = mapping.storedEntity(
      v2Entity([
        v2Attribute("temperature", "Number", "21"),
        v2Attribute("location", "geo:json", #"{"type": "Point", "coordinates": [1, 2]}"#),
      ]),
      previous: nil, previousForm: nil)
    XCTAssertEqual(
      stored.attributes.map(\.name), [vocabulary + "temperature", "https://uri.etsi.org/ngsi-ld/location"])
    let back = try XCTUnwrap(mapping.v2Entity(stored))
    XCTAssertEqual(back.attributes.map(\.name), ["temperature", "location"])
    let foreign = try ldEntity(#"{"id": "urn:a", "type": "T", "http://example.org/p": 1}"#)
    XCTAssertEqual(mapping.v2Entity(foreign)?.attributes.map(\.name), ["http://example.org/p"])
  }

  // MARK: attribute types

  func testRelationship() throws {
    let relationship = mapping.instance(v2Attribute("owner", "Relationship", #""urn:ngsi-ld:Person:1""#))
    XCTAssertEqual(relationship["type"], .string("Relationship"))
    XCTAssertEqual(relationship["object"], .string("urn:ngsi-ld:Person:1"))
    // A target that is not a URI cannot be an NGSI-LD Relationship: a Property.
    let plain = mapping.instance(v2Attribute("owner", "Relationship", #""Person1""#))
    XCTAssertEqual(plain["type"], .string("Property"))
    XCTAssertEqual(plain["value"], .string("Person1"))
    let ld = try ldEntity(#"{"id": "urn:a", "type": "T", "owner": {"type": "Relationship", "object": "urn:b"}}"#)
    let owner = try XCTUnwrap(mapping.v2Entity(ld)?.attribute("owner"))
    XCTAssertEqual(owner.type, "Relationship")
    XCTAssertEqual(owner.value, .string("urn:b"))
  }

  func testGeoJSONIsGeoProperty() throws {
    let point = #"{"type": "Point", "coordinates": [139.7, 35.6]}"#
    let geo = mapping.instance(v2Attribute("location", "geo:json", point))
    XCTAssertEqual(geo["type"], .string("GeoProperty"))
    XCTAssertEqual(geo["value"], tree(point))
    let notGeometry = mapping.instance(v2Attribute("location", "geo:json", #""somewhere""#))
    XCTAssertEqual(notGeometry["type"], .string("Property"))
    let ld = try ldEntity(#"{"id": "urn:a", "type": "T", "location": {"type": "GeoProperty", "value": \#(point)}}"#)
    XCTAssertEqual(mapping.v2Entity(ld)?.attribute("location")?.type, "geo:json")
  }

  func testFurtherGeoPropertiesAreMarkedIgnoreType() throws {
    let point = #"{"type": "Point", "coordinates": [139.7, 35.6]}"#
    let ld = try ldEntity(
      #"""
      {"id": "urn:a", "type": "T", "location": {"type": "GeoProperty", "value": \#(point)},
       "observationSpace": {"type": "GeoProperty", "value": \#(point)}}
      """#)
    let v2 = try XCTUnwrap(mapping.v2Entity(ld))
    XCTAssertNil(v2.attribute("location")?.metadata("ignoreType"))
    XCTAssertEqual(v2.attribute("observationSpace")?.metadata("ignoreType")?.value, .bool(true))
    XCTAssertEqual(v2.locationCount, 1)
    // Back in NGSI-LD, ignoreType is no sub-property.
    let instance = mapping.instance(try XCTUnwrap(v2.attribute("observationSpace")))
    XCTAssertEqual(instance["type"], .string("GeoProperty"))
    XCTAssertNil(instance[vocabulary + "ignoreType"])
  }

  func testOtherNGSILDTypesKeepTheirName() throws {
    let map = #"{"en": "Park", "ja": "公園"}"#
    let language = mapping.instance(v2Attribute("name", "LanguageProperty", map))
    XCTAssertEqual(language["type"], .string("LanguageProperty"))
    XCTAssertEqual(language["languageMap"], tree(map))
    // A value without the shape of the type: a Property.
    let wrongShape = mapping.instance(v2Attribute("name", "LanguageProperty", #""Park""#))
    XCTAssertEqual(wrongShape["type"], .string("Property"))
    let ld = try ldEntity(
      #"{"id": "urn:a", "type": "T", "name": {"type": "LanguageProperty", "languageMap": \#(map)}}"#)
    let name = try XCTUnwrap(mapping.v2Entity(ld)?.attribute("name"))
    XCTAssertEqual(name.type, "LanguageProperty")
    XCTAssertEqual(name.value, tree(map))
  }

  func testPlainValuesAreProperties() throws {
    let number = mapping.instance(v2Attribute("temperature", "Number", "21.5"))
    XCTAssertEqual(number["type"], .string("Property"))
    XCTAssertEqual(number["value"], tree("21.5"))
    let ld = try ldEntity(#"{"id": "urn:a", "type": "T", "t": 21.5, "s": "x", "b": true, "o": {"value": {"k": 1}}}"#)
    let v2 = try XCTUnwrap(mapping.v2Entity(ld))
    XCTAssertEqual(v2.attributes.map(\.type), ["Number", "Text", "Boolean", "StructuredValue"])
  }

  func testNullAndDateTimeValues() throws {
    let null = mapping.instance(v2Attribute("reading", "None", "null"))
    XCTAssertEqual(null["value"], .string("urn:ngsi-ld:null"))
    XCTAssertEqual(FaceMapping.v2TypeAndValue(null).1, .null)
    let date = mapping.instance(v2Attribute("seen", "DateTime", #""2026-01-01T00:00:00Z""#))
    XCTAssertEqual(date["value"]?["@type"], .string("DateTime"))
    XCTAssertEqual(FaceMapping.v2TypeAndValue(date).0, "DateTime")
    // A DateTime-looking text typed Text stays a plain string.
    let text = mapping.instance(v2Attribute("seen", "Text", #""2026-01-01T00:00:00Z""#))
    XCTAssertEqual(text["value"], .string("2026-01-01T00:00:00Z"))
    XCTAssertEqual(FaceMapping.v2TypeAndValue(text).0, "Text")
  }

  // MARK: metadata, timestamps

  func testMetadataAreSubAttributes() throws {
    let instance = mapping.instance(
      v2Attribute(
        "temperature", "Number", "21",
        metadata: [
          ("TimeInstant", "DateTime", #""2026-01-01T00:00:00Z""#), ("unitCode", "Text", #""CEL""#),
          ("accuracy", "Number", "0.5"), ("sensor", "Relationship", #""urn:ngsi-ld:Device:1""#),
        ]))
    XCTAssertEqual(instance["observedAt"], .string("2026-01-01T00:00:00Z"))
    XCTAssertEqual(instance["unitCode"], .string("CEL"))
    XCTAssertEqual(instance[vocabulary + "accuracy"]?["value"], tree("0.5"))
    XCTAssertEqual(instance[vocabulary + "sensor"]?["type"], .string("Relationship"))
    XCTAssertNil(instance["TimeInstant"])
    // A TimeInstant that is not a DateTime is an ordinary sub-property.
    let odd = mapping.instance(v2Attribute("t", "Number", "1", metadata: [("TimeInstant", "Text", #""yesterday""#)]))
    XCTAssertNil(odd["observedAt"])
    XCTAssertEqual(odd[vocabulary + "TimeInstant"]?["value"], .string("yesterday"))

    let ld = try ldEntity(
      #"""
      {"id": "urn:a", "type": "T", "temperature": {"type": "Property", "value": 21, "observedAt": "2026-01-01T00:00:00Z",
       "unitCode": "CEL", "accuracy": {"type": "Property", "value": 0.5}}}
      """#)
    let metadata = try XCTUnwrap(mapping.v2Entity(ld)?.attribute("temperature")?.metadata)
    XCTAssertEqual(metadata.map(\.name), ["TimeInstant", "unitCode", "accuracy"])
    XCTAssertEqual(metadata.map(\.type), ["DateTime", "Text", "Number"])
  }

  func testTimestamps() throws {
    var attribute = v2Attribute("t", "Number", "1")
    attribute.dateCreated = "2026-01-01T00:00:00.000Z"
    attribute.dateModified = "2026-01-02T00:00:00.000Z"
    let instance = mapping.instance(attribute)
    XCTAssertEqual(instance["createdAt"], .string("2026-01-01T00:00:00.000Z"))
    XCTAssertEqual(instance["modifiedAt"], .string("2026-01-02T00:00:00.000Z"))
    let stored = mapping.storedEntity(v2Entity([attribute]), previous: nil, previousForm: nil)
    XCTAssertEqual(stored.createdAt, stamp)
    let derived = try XCTUnwrap(mapping.v2Attribute(vocabulary + "t", [instance]))
    XCTAssertEqual(derived.dateCreated, "2026-01-01T00:00:00.000Z")
    XCTAssertEqual(derived.dateModified, "2026-01-02T00:00:00.000Z")
  }

  // MARK: round trip, datasetId

  func testV2FormKeptUntilNGSILDChangesTheInstance() throws {
    let custom = v2Attribute("temperature", "Celsius", "21", metadata: [("precision", "Integer", "1")])
    var stored = mapping.storedEntity(v2Entity([custom]), previous: nil, previousForm: nil)
    XCTAssertEqual(mapping.v2Entity(stored)?.attribute("temperature"), custom)
    // Changed through NGSI-LD: the v2 form is derived again.
    var instance = try XCTUnwrap(stored.attribute(vocabulary + "temperature")?.first)
    instance["value"] = JSONTree.number("22")
    stored.put(vocabulary + "temperature", [instance])
    let derived = try XCTUnwrap(mapping.v2Entity(stored)?.attribute("temperature"))
    XCTAssertEqual(derived.type, "Number")
    XCTAssertEqual(derived.metadata.first?.type, "Number")
  }

  func testDatasetIdInstances() throws {
    let ld = try ldEntity(
      #"""
      {"id": "urn:a", "type": "T",
       "speed": [{"type": "Property", "value": 1, "datasetId": "urn:ds:gps"}, {"type": "Property", "value": 2}],
       "heading": {"type": "Property", "value": 90, "datasetId": "urn:ds:compass"}}
      """#)
    let v2 = try XCTUnwrap(mapping.v2Entity(ld))
    // The default instance when there is one, else the first, with its datasetId.
    XCTAssertEqual(v2.attribute("speed")?.value, tree("2"))
    XCTAssertNil(v2.attribute("speed")?.metadata("datasetId"))
    XCTAssertEqual(v2.attribute("heading")?.metadata("datasetId")?.value, .string("urn:ds:compass"))
    // Writing the default instance through v2 keeps the other one.
    var changed = v2
    changed.set(v2Attribute("speed", "Number", "3"), now: stamp)
    let stored = mapping.storedEntity(changed, previous: ld, previousForm: v2)
    let speeds = try XCTUnwrap(stored.attribute(vocabulary + "speed"))
    XCTAssertEqual(speeds.map { $0["value"] ?? .null }, [tree("1"), tree("3")])
    XCTAssertEqual(stored.attribute(vocabulary + "heading"), ld.attribute(vocabulary + "heading"))
  }

  func testUnchangedAttributesKeepTheirStoredInstances() throws {
    let ld = try ldEntity(#"{"id": "urn:a", "type": ["T", "U"], "scope": "/a", "p": {"value": 1, "q": 2}}"#)
    let v2 = try XCTUnwrap(mapping.v2Entity(ld))
    let stored = mapping.storedEntity(v2, previous: ld, previousForm: v2)
    XCTAssertEqual(stored.types, ld.types)
    XCTAssertEqual(stored.scope, ld.scope)
    XCTAssertEqual(stored.attribute(vocabulary + "p"), ld.attribute(vocabulary + "p"))
  }

  // MARK: changes

  func testChangesThroughNGSILDBecomeV2Changes() throws {
    let old = try ldEntity(#"{"id": "urn:a", "type": "T", "p": 1}"#)
    var new = old
    new.put(vocabulary + "p", [tree(#"{"type": "Property", "value": 2}"#)])
    let update = try XCTUnwrap(
      mapping.v2Change(EntityStore.Change(before: old, after: new, updated: [vocabulary + "p"])))
    XCTAssertEqual(update.alteration, .entityChange)
    XCTAssertEqual(update.changed, ["p"])
    let same = try XCTUnwrap(mapping.v2Change(EntityStore.Change(before: old, after: old, updated: [vocabulary + "p"])))
    XCTAssertEqual(same.alteration, .entityUpdate)
    XCTAssertEqual(mapping.v2Change(EntityStore.Change(before: nil, after: old))?.alteration, .entityCreate)
    XCTAssertEqual(mapping.v2Change(EntityStore.Change(before: old, after: nil))?.alteration, .entityDelete)
    let hidden = try ldEntity(#"{"id": "http://example.org/a", "type": "T"}"#)
    XCTAssertNil(mapping.v2Change(EntityStore.Change(before: nil, after: hidden)))
  }
}
