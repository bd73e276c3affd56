import Foundation
import RenkeiCore
import XCTest

@testable import RenkeiModels

/// Every example shipped with the bundled Smart Data Models either validates or is reported
/// with exactly the defects it has upstream, in every representation.
final class UpstreamExamplesTests: XCTestCase {
  static let profiles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("profiles").path

  /// "Model/file line:column rule" for every error and warning.
  func findings(assertFormat: Bool) throws -> [String] {
    let catalog = ModelCatalog(directories: [Self.profiles + "/models/smart-data-models"])
    XCTAssertEqual(catalog.models.count, 7)
    var out: [String] = []
    for model in catalog.models {
      let validator = ModelValidator(
        model: model, schema: try catalog.schema(for: model), representation: nil, assertFormat: assertFormat)
      for example in model.examples {
        let name = model.name + "/" + (example as NSString).lastPathComponent
        let bytes = try FileBytes.read(example)
        let document: JSONDocument
        do {
          document = try JSONParser().parse(bytes).document
        } catch {
          out.append("\(name) \(error.position.line):\(error.position.column) \(error.rule.id)")
          continue
        }
        for finding in validator.findings(document.root, file: name) {
          out.append("\(name) \(finding.location.line!):\(finding.location.column!) \(finding.ruleID)")
        }
      }
    }
    return out.sorted()
  }

  func testExactlyTheUpstreamDefects() throws {
    XCTAssertEqual(
      try findings(assertFormat: false),
      [
        // windDirection 186 > 180 (the GeoJSON Feature form carries the same data as the normalized ones).
        "AirQualityObserved/example-geojsonfeature.json 48:16 schema-maximum",
        // precipitation false where a number is required; tsp 73.3 where an integer is required.
        "AirQualityObserved/example-normalized.json 108:14 schema-type",
        "AirQualityObserved/example-normalized.json 133:16 schema-type",
        // windDirection 186; tsp 73.3.
        "AirQualityObserved/example-normalized.jsonld 114:16 schema-type",
        "AirQualityObserved/example-normalized.jsonld 98:16 schema-maximum",
        // tsp 73.3.
        "AirQualityObserved/example.json 36:10 schema-type",
        // isAccessibleForFree and wheelChairAccessible are strings, not booleans.
        "Event/example-normalized.jsonld 151:18 schema-type",
        "Event/example-normalized.jsonld 353:18 schema-type",
        // Orion rejects "(" in values (a warning: other brokers accept it).
        "Event/example.json 20:22 ngsi-v2-forbidden-character",
        "Event/example.json 25:18 ngsi-v2-forbidden-character",
        // Not valid JSON: a comma is missing before "@context".
        "PointOfInterest/example.jsonld 43:3 json-missing-comma",
      ])
  }

  func testFormatAssertionAddsTheDateTimesWithoutOffset() throws {
    let formats = try findings(assertFormat: true).filter { $0.hasSuffix("schema-format") }
    let byModel = Dictionary(grouping: formats) { $0.split(separator: "/").first.map(String.init) ?? "" }
    XCTAssertEqual(Set(byModel.keys), ["AirQualityObserved", "Event", "Museum"])
    XCTAssertEqual(byModel["AirQualityObserved"]?.count, 5)
    XCTAssertEqual(byModel["Event"]?.count, 4)
    XCTAssertEqual(byModel["Museum"]?.count, 56, "opening hours without offset, in all four representations")
  }
}
