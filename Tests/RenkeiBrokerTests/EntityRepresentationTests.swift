import RenkeiCore
import XCTest

@testable import RenkeiBroker

final class EntityRepresentationTests: XCTestCase {
  let context = ContextResolver().core

  func stored(_ json: String) throws -> StoredEntity {
    try EntityNormalizer(context: context, now: "2026-01-01T00:00:00.000Z").entity(JSONTree.parse(json))
  }

  func testConciseInputIsNormalized() throws {
    let entity = try stored(
      #"{"id":"urn:a","type":"T","speed":80,"loc":{"type":"Point","coordinates":[1,2]},"rel":{"object":"urn:b"},"name":{"languageMap":{"en":"x"}}}"#
    )
    XCTAssertEqual(entity.attributes.count, 4)
    XCTAssertEqual(entity.attributes[0].instances[0]["type"], .string("Property"))
    XCTAssertEqual(entity.attributes[1].instances[0]["type"], .string("GeoProperty"))
    XCTAssertEqual(entity.attributes[2].instances[0]["type"], .string("Relationship"))
    XCTAssertEqual(entity.attributes[3].instances[0]["type"], .string("LanguageProperty"))
  }

  func testFormats() throws {
    let entity = try stored(
      #"{"id":"urn:a","type":"T","speed":{"type":"Property","value":80,"unitCode":"KMH"},"brand":{"type":"Property","value":"M"},"rel":{"type":"Relationship","object":"urn:b"}}"#
    )
    let normalized = EntityRepresentation(context: context).render(entity)
    XCTAssertEqual(
      normalized,
      try JSONTree.parse(
        #"{"id":"urn:a","type":"T","speed":{"type":"Property","value":80,"unitCode":"KMH"},"brand":{"type":"Property","value":"M"},"rel":{"type":"Relationship","object":"urn:b"}}"#
      ))
    let keyValues = EntityRepresentation(format: .keyValues, context: context).render(entity)
    XCTAssertEqual(keyValues, try JSONTree.parse(#"{"id":"urn:a","type":"T","speed":80,"brand":"M","rel":"urn:b"}"#))
    let concise = EntityRepresentation(format: .concise, context: context).render(entity)
    XCTAssertEqual(
      concise,
      try JSONTree.parse(
        #"{"id":"urn:a","type":"T","speed":{"value":80,"unitCode":"KMH"},"brand":"M","rel":{"object":"urn:b"}}"#))
  }

  func testSysAttrsAttrsPickOmit() throws {
    let entity = try stored(#"{"id":"urn:a","type":"T","speed":1,"brand":"M"}"#)
    var representation = EntityRepresentation(context: context)
    representation.sysAttrs = true
    let withTimes = representation.render(entity)
    XCTAssertEqual(withTimes["createdAt"], .string("2026-01-01T00:00:00.000Z"))
    XCTAssertEqual(withTimes["speed"]?["modifiedAt"], .string("2026-01-01T00:00:00.000Z"))
    representation = EntityRepresentation(context: context)
    representation.attributes = [context.expand("speed")]
    XCTAssertEqual(representation.render(entity).keys, ["id", "type", "speed"])
    representation = EntityRepresentation(context: context)
    representation.pick = ["id", "brand"]
    XCTAssertEqual(representation.render(entity).keys, ["id", "brand"])
    representation = EntityRepresentation(context: context)
    representation.omit = ["type", "speed"]
    XCTAssertEqual(representation.render(entity).keys, ["id", "brand"])
  }

  func testInvalidPayloadsAreRejected() {
    let bad = [
      #"{"id":"not a uri","type":"T"}"#, #"{"type":"T"}"#, #"{"id":"urn:a"}"#,
      #"{"id":"urn:a","type":"T","p":{"type":"Property"}}"#,
      #"{"id":"urn:a","type":"T","r":{"type":"Relationship","object":"x y"}}"#,
      #"{"id":"urn:a","type":"T","location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[1]}}}"#,
      #"{"id":"urn:a","type":"T","p":{"type":"Unknown","value":1}}"#, #"{"id":"urn:a","type":"T","bad name":1}"#,
    ]
    for json in bad {
      XCTAssertThrowsError(try stored(json), json) { error in
        XCTAssertEqual((error as? ProblemDetails)?.kind, .badRequestData, json)
      }
    }
  }
}
