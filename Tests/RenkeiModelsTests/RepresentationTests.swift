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

  /// The sliced projection (for verdicts) holds what the mapped one holds, in every representation.
  func testSlicedProjectionEqualsTheProjection() throws {
    let entities = [
      #"{"id": "urn:x:1", "type": "T", "@context": ["c"], "a": {"type": "Property", "value": {"@type": "DateTime", "@value": "2024-04-01T00:00:00Z"}}, "r": {"type": "Relationship", "object": "urn:x:2"}}"#,
      #"{"id": "urn:x:1", "m": [{"type": "Property", "value": 1, "datasetId": "urn:d:1"}, {"type": "Property", "value": 2}], "n": [{"value": 3, "datasetId": "urn:d:1"}], "e": [], "k": [1, {"value": 2}]}"#,
      #"{"id": "urn:x:1", "l": {"type": "LanguageProperty", "languageMap": {"ja": "名前"}}, "v": {"vocab": "x"}, "vl": {"valueList": [1]}, "ol": {"objectList": [{"object": "urn:a"}]}, "j": {"json": {"a": 1}}}"#,
      #"{"\u0069d": "urn:x:1", "typ\u0065": "T", "@cont\u0065xt": "c", "a": {"v\u0061lue": "\u00e9\n", "value": 2}, "b": {"type": "Property"}, "c": 5, "d": null, "createdAt": {"value": 1}}"#,
      #"{"id": "urn:x:1", "a": {"value": {"@value": 1, "@type": "x"}}, "b": {"type": "Property", "value": {"@value": "t"}}, "c": {"object": {"@value": "o"}}}"#,
      #"{"id": "x", "temperature": {"type": "Number", "value": 21.5, "metadata": {}}, "name": {"value": "n"}, "loc": {"type": "geo:json", "value": {"type": "Point", "coordinates": [1, 2]}}}"#,
      #"{"id": "x", "a": 1, "b": {"@value": 2}, "c": {"value": 3}}"#,
    ]
    let representations: [Representation] = [
      .ngsiLDNormalized, .ngsiLDConcise, .ngsiLDKeyValues, .ngsiV2Normalized, .ngsiV2KeyValues,
    ]
    // And every example of the bundled Smart Data Models, in every representation.
    var examples = entities.map { try? JSONParser().parse($0).document.root }.compactMap { $0 }
    let catalog = ModelCatalog(directories: [UpstreamExamplesTests.profiles + "/models/smart-data-models"])
    for model in catalog.models {
      for example in model.examples {
        guard let root = try? JSONParser().parse(FileBytes.read(example)).document.root else { continue }
        examples += root.kind == .array ? root.elements : [root]
      }
    }
    XCTAssertGreaterThan(examples.count, entities.count + 10)
    for entity in examples {
      let text = JSONWriter().string(entity)
      for representation in representations {
        let mapped = KeyValuesProjection.project(entity, from: representation)
        let sliced = KeyValuesProjection.slices(entity, from: representation)
        XCTAssertEqual(mapped == nil, sliced == nil, "\(representation) \(text)")
        if let mapped, let sliced {
          // Same kinds, key order, decoded strings and number lexemes: what a schema reads. (The
          // slices keep the source's escapes, the mapped document decoded text.)
          XCTAssertEqual(sliced.root, mapped.root, "\(representation) \(text)")
        }
      }
    }
  }
}
