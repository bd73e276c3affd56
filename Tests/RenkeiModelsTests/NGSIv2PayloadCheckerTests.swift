import RenkeiCore
import XCTest

@testable import RenkeiModels

/// Each NGSI v2 rule fires on a crafted entity and stays silent on a good one.
final class NGSIv2PayloadCheckerTests: XCTestCase {
  func rules(_ json: String, _ representation: Representation = .ngsiV2Normalized) throws -> [String] {
    let entity = try JSONParser().parse(json).document.root
    return NGSIv2PayloadChecker().findings(entity, representation: representation, file: "e.json").map(\.ruleID)
  }

  func testAGoodEntityHasNoFindings() throws {
    let good = """
      {"id": "Shelter001", "type": "Shelter",
       "name": {"type": "Text", "value": "中央公民館", "metadata": {"source": {"type": "Text", "value": "city"}}},
       "capacity": {"type": "Number", "value": 120},
       "dateObserved": {"type": "DateTime", "value": "2024-04-01T09:00:00.000Z"},
       "location": {"type": "geo:json", "value": {"type": "Point", "coordinates": [138.38, 34.97]}},
       "position": {"type": "geo:point", "value": "34.97, 138.38"},
       "note": {"type": "TextUnrestricted", "value": "it's (free)"}}
      """
    XCTAssertEqual(try rules(good), [])
  }

  func testIdentifiers() throws {
    XCTAssertEqual(try rules(#"{"type": "T"}"#), ["ngsi-v2-missing-id"])
    XCTAssertEqual(try rules(#"{"id": "a b", "type": "T"}"#), ["ngsi-v2-identifier-syntax"])
    XCTAssertEqual(try rules(#"{"id": "a/b", "type": "T"}"#), ["ngsi-v2-identifier-syntax"])
    XCTAssertEqual(try rules(#"{"id": "避難所", "type": "T"}"#), ["ngsi-v2-identifier-syntax"])
    XCTAssertEqual(
      try rules(#"{"id": "\#(String(repeating: "x", count: 257))", "type": "T"}"#), ["ngsi-v2-identifier-syntax"])
    XCTAssertEqual(try rules(#"{"id": "x", "type": ""}"#), ["ngsi-v2-identifier-syntax"])
    XCTAssertEqual(try rules(#"{"id": "x", "type": "T", "a#b": {"value": 1}}"#), ["ngsi-v2-identifier-syntax"])
    XCTAssertEqual(try rules(#"{"id": "x", "type": "T", "geo:distance": {"value": 1}}"#), ["ngsi-v2-reserved-name"])
  }

  func testAttributeStructureAndSpecialTypes() throws {
    XCTAssertEqual(
      try rules(#"{"id": "x", "type": "T", "a": {"value": 1, "unit": "m"}}"#), ["ngsi-v2-attribute-structure"])
    XCTAssertEqual(
      try rules(#"{"id": "x", "type": "T", "a": {"value": 1, "metadata": []}}"#), ["ngsi-v2-attribute-structure"])
    XCTAssertEqual(
      try rules(#"{"id": "x", "type": "T", "a": {"value": 1, "type": 5}}"#), ["ngsi-v2-attribute-structure"])
    XCTAssertEqual(
      try rules(#"{"id": "x", "type": "T", "a": {"type": "DateTime", "value": "yesterday"}}"#), ["ngsi-v2-datetime"])
    XCTAssertEqual(
      try rules(
        #"{"id": "x", "type": "T", "a": {"value": 1, "metadata": {"t": {"type": "DateTime", "value": "soon"}}}}"#),
      ["ngsi-v2-datetime"])
    XCTAssertEqual(
      try rules(#"{"id": "x", "type": "T", "a": {"type": "geo:json", "value": {"type": "Point"}}}"#),
      ["ngsi-v2-geo-json"])
    XCTAssertEqual(
      try rules(
        #"{"id": "x", "type": "T", "a": {"type": "geo:json", "value": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]]}}}"#
      ),
      ["geojson-ring-too-short", "geojson-ring-not-closed"])
    XCTAssertEqual(
      try rules(#"{"id": "x", "type": "T", "a": {"type": "geo:point", "value": "139.7, 35.6"}}"#), ["ngsi-v2-geo-point"]
    )
    XCTAssertEqual(try rules(#"{"id": "x", "type": "T", "a": {"type": "geo:point", "value": "35.6, 139.7"}}"#), [])
  }

  func testForbiddenCharactersInValues() throws {
    XCTAssertEqual(try rules(#"{"id": "x", "type": "T", "a": {"value": "a=b"}}"#), ["ngsi-v2-forbidden-character"])
    XCTAssertEqual(
      try rules(#"{"id": "x", "type": "T", "a": {"value": ["ok", {"k": "<b>"}]}}"#), ["ngsi-v2-forbidden-character"])
    XCTAssertEqual(
      try rules(#"{"id": "x", "type": "T", "a": "it's"}"#, .ngsiV2KeyValues), ["ngsi-v2-forbidden-character"])
    XCTAssertEqual(try rules(#"{"id": "x", "type": "T", "a": "fine: 100%"}"#, .ngsiV2KeyValues), [])
  }
}
