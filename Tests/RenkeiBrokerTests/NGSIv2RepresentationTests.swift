import RenkeiCore
import XCTest

@testable import RenkeiBroker

/// NGSI v2 entity rendering: normalized, keyValues, values, unique, attrs/metadata selection and
/// builtins; payload decoding with default types and syntax checks.
final class NGSIv2RepresentationTests: XCTestCase {
  func room() throws -> NGSIv2Entity {
    let body = try JSONTree.parse(
      #"{"temperature": {"value": 21, "metadata": {"unit": {"value": "C"}}}, "humidity": {"value": 21}, "name": {"value": "lab"}}"#
    )
    return NGSIv2Entity(
      id: "R1", type: "Room", servicePath: "/a", attributes: try NGSIv2Decoder(now: "T0").attributes(body),
      dateCreated: "2026-01-01T00:00:00.000Z", dateModified: "2026-01-01T00:00:01.000Z")
  }

  func testNormalizedHasTypesAndMetadata() throws {
    let rendered = NGSIv2Representation().render(try room())
    XCTAssertEqual(
      rendered,
      try JSONTree.parse(
        #"{"id": "R1", "type": "Room", "temperature": {"type": "Number", "value": 21, "metadata": {"unit": {"type": "Text", "value": "C"}}}, "humidity": {"type": "Number", "value": 21, "metadata": {}}, "name": {"type": "Text", "value": "lab", "metadata": {}}}"#
      ))
  }

  func testSimplifiedModes() throws {
    var representation = NGSIv2Representation(mode: .keyValues, attributes: ["name", "temperature"])
    XCTAssertEqual(
      representation.render(try room()).description, #"{"id":"R1","type":"Room","name":"lab","temperature":21}"#)
    representation.mode = .values
    representation.attributes = ["temperature", "humidity", "name"]
    XCTAssertEqual(representation.render(try room()).description, #"[21,21,"lab"]"#)
    representation.mode = .unique
    XCTAssertEqual(representation.render(try room()).description, #"[21,"lab"]"#)
  }

  func testBuiltinsOnlyWhenAsked() throws {
    XCTAssertNil(NGSIv2Representation().render(try room())["dateCreated"])
    let rendered = NGSIv2Representation(attributes: ["dateModified", "servicePath"]).render(try room())
    XCTAssertEqual(rendered["dateModified"]?["value"]?.string, "2026-01-01T00:00:01.000Z")
    XCTAssertEqual(rendered["servicePath"]?["value"]?.string, "/a")
    XCTAssertNil(rendered["name"])
    let all = NGSIv2Representation(attributes: ["dateCreated", "*"]).render(try room())
    XCTAssertEqual(all.keys, ["id", "type", "dateCreated", "temperature", "humidity", "name"])
    let metadata = NGSIv2Representation(attributes: ["temperature"], metadata: ["dateCreated"]).render(try room())
    XCTAssertEqual(metadata["temperature"]?["metadata"]?.keys, ["dateCreated"])
  }

  func testDecoderRejectsBadPayloads() throws {
    let decoder = NGSIv2Decoder(now: "T0")
    let bad = [
      #"{"a": 1}"#, #"{"a": {"value": "<b>"}}"#, #"{"a": {"value": 1, "type": 3}}"#,
      #"{"a": {"value": 1, "extra": 1}}"#,
      #"{"a b": {"value": 1}}"#, #"{"geo:distance": {"value": 1}}"#, #"{"d": {"type": "DateTime", "value": "soon"}}"#,
      #"{"l": {"type": "geo:json", "value": {"type": "Point"}}}"#, #"{"a": {"value": 1, "metadata": {"m": 1}}}"#,
    ]
    for text in bad {
      XCTAssertThrowsError(try decoder.attributes(try JSONTree.parse(text)), text) { error in
        XCTAssertEqual((error as? NGSIv2Error)?.status, 400, text)
      }
    }
    let two =
      #"{"l1": {"type": "geo:json", "value": {"type": "Point", "coordinates": [1, 2]}}, "l2": {"type": "geo:json", "value": {"type": "Point", "coordinates": [1, 2]}}}"#
    XCTAssertThrowsError(try decoder.attributes(try JSONTree.parse(two))) { error in
      XCTAssertEqual((error as? NGSIv2Error)?.status, 413)
    }
    let keyValues = try NGSIv2Decoder(keyValues: true, now: "T0").attributes(
      try JSONTree.parse(#"{"a": [1], "b": null, "c": true}"#))
    XCTAssertEqual(keyValues.map(\.type), ["StructuredValue", "None", "Boolean"])
  }

  func testIdentifierSyntax() {
    XCTAssertTrue(NGSIv2Syntax.isIdentifier("urn:ngsi:Room-1_a"))
    XCTAssertTrue(NGSIv2Syntax.isIdentifier(String(repeating: "x", count: 256)))
    XCTAssertFalse(NGSIv2Syntax.isIdentifier(String(repeating: "x", count: 257)))
    for bad in ["", "a b", "a/b", "a#b", "a?b", "a&b", "a<b", "a(b", "ñ", "a;b", "a'b"] {
      XCTAssertFalse(NGSIv2Syntax.isIdentifier(bad), bad)
    }
  }
}
