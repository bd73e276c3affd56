import RenkeiCore
import XCTest

@testable import RenkeiModels

final class RepresentationTests: XCTestCase {
  func detect(_ json: String) throws -> Representation {
    Representation.detect(try JSONParser().parse(json).document.root)
  }

  func testDetection() throws {
    XCTAssertEqual(
      try detect(#"{"id": "urn:x:1", "type": "T", "a": {"type": "Property", "value": 1}}"#), .ngsiLDNormalized)
    XCTAssertEqual(try detect(#"{"id": "urn:x:1", "type": "T", "a": {"value": 1}, "@context": "x"}"#), .ngsiLDConcise)
    XCTAssertEqual(try detect(#"{"id": "urn:x:1", "type": "T", "a": 1, "@context": "x"}"#), .ngsiLDKeyValues)
    XCTAssertEqual(try detect(#"{"id": "x", "type": "T", "a": {"type": "Number", "value": 1}}"#), .ngsiV2Normalized)
    XCTAssertEqual(try detect(#"{"id": "x", "type": "T", "a": 1}"#), .ngsiV2KeyValues)
    XCTAssertEqual(
      try detect(#"{"id": "urn:x:1", "type": "T", "a": [{"type": "Property", "value": 1, "datasetId": "urn:d:1"}]}"#),
      .ngsiLDNormalized)
  }

  func testProjectionKeepsOriginalLocations() throws {
    let text = """
      {"id": "urn:x:1", "type": "T",
       "a": {"type": "Property", "value": {"@type": "DateTime", "@value": "2024-04-01T00:00:00Z"}},
       "r": {"type": "Relationship", "object": "urn:x:2"},
       "m": [{"type": "Property", "value": 1, "datasetId": "urn:d:1"}, {"type": "Property", "value": 2}]}
      """
    let entity = try JSONParser().parse(text).document.root
    let projected = try XCTUnwrap(KeyValuesProjection.project(entity, from: .ngsiLDNormalized))
    XCTAssertEqual(
      JSONWriter().string(projected.root),
      #"{"id":"urn:x:1","type":"T","a":"2024-04-01T00:00:00Z","r":"urn:x:2","m":2}"#)
    let a = try XCTUnwrap(projected.root["a"])
    XCTAssertEqual(projected.original(of: a).pointer.description, "/a/value/@value")
    XCTAssertEqual(projected.original(of: a).position, SourcePosition(line: 2, column: 69))
    XCTAssertNil(
      KeyValuesProjection.project(try JSONParser().parse(#"{"id": "x", "a": 1}"#).document.root, from: .ngsiV2KeyValues)
    )
  }
}
