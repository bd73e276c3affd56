import Foundation
import RenkeiCore
import RenkeiModels
import XCTest

/// mapbox/geojsonhint's own test files (Fixtures/geojson/geojsonhint, ISC, see SOURCE there):
/// renkei must give the same verdicts, and where geojsonhint's .result file lists messages,
/// find the same problems. Each geojsonhint message is mapped to a renkei rule id below.
///
/// Verdicts: a good/ file has no error-level finding; a bad/ file has at least one, except the
/// files in `warningOnly`, where geojsonhint itself does not report an error, or where RFC 7946
/// only says SHOULD and renkei therefore warns. `goodWithErrors` lists the one good/ file
/// renkei rejects, and why.
///
/// Problems: the set of renkei rule ids found equals the set the .result messages map to, plus
/// the documented `extraProblems`. Counts and lines are not compared: geojsonhint reports
/// some problems once per number where renkei reports once per array (multipoint-nondimension:
/// two messages, one renkei finding), and gives the line of the enclosing object where renkei
/// points at the member itself.
final class GeoJSONHintFixtureTests: XCTestCase {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/geojson/geojsonhint")

  /// geojsonhint message (its start, or the whole of it) → renkei rule id.
  static let messageMap: [(message: String, rule: String)] = [
    ("Parse error on line", "json-*"),  // not JSON at all: the JSON parser's own rules
    ("An object contained duplicate members, making parsing ambigous", "geojson-duplicate-member"),
    ("The root of a GeoJSON object must be an object.", "geojson-not-object"),
    ("Every feature must be an object", "geojson-not-object"),
    ("The geometries array in a GeometryCollection must contain only geometry objects", "geojson-not-object"),
    ("\"type\" member required", "geojson-missing-member"),
    ("\"features\" member required", "geojson-missing-member"),
    ("\"coordinates\" member required", "geojson-missing-member"),
    ("\"properties\" member required", "geojson-missing-member"),
    ("\"geometry\" member required", "geojson-missing-member"),
    ("The type FooBar is unknown", "geojson-invalid-type"),
    ("Expected FeatureCollection but got featurecollection (case sensitive)", "geojson-invalid-type"),
    ("GeoJSON features must have a type=feature member", "geojson-invalid-type"),
    ("\"type\" member should be string", "geojson-invalid-type"),
    ("\"properties\" member should be object", "geojson-member-type"),
    ("\"features\" member should be an array", "geojson-member-type"),
    ("\"coordinates\" member should be an array", "geojson-member-type"),
    ("Feature \"id\" member must have a string or number value", "geojson-member-type"),
    ("Feature object cannot contain a", "geojson-changed-semantics"),
    ("FeatureCollection object cannot contain a", "geojson-changed-semantics"),
    ("geometry object cannot contain a", "geojson-changed-semantics"),
    ("a number was found where a coordinate array should have been found", "geojson-coordinates-shape"),
    ("position should be an array, is a number instead", "geojson-coordinates-shape"),
    ("each element in a position must be a number", "geojson-position-not-number"),
    ("position must have 2 or more elements", "geojson-position-arity"),
    // geojsonhint level "message"; renkei: warning (§3.1.1 "SHOULD NOT extend positions").
    ("position should not have more than 3 elements", "geojson-position-extended"),
    ("a line needs to have two or more coordinates to be valid", "geojson-linestring-too-short"),
    ("a LinearRing of coordinates needs to have four or more positions", "geojson-ring-too-short"),
    ("the first and last positions in a LinearRing of coordinates must be the same", "geojson-ring-not-closed"),
    // geojsonhint level "message"; renkei: warning (§3.1.6 "parsers SHOULD NOT reject").
    ("Polygons and MultiPolygons should follow the right-hand rule", "geojson-right-hand-rule"),
    ("bbox must contain 4 elements (for 2D) or 6 elements (for 3D)", "geojson-bbox"),
    ("each element in a bbox member must be a number", "geojson-bbox"),
    ("bbox member must be an array of numbers", "geojson-bbox"),
    // geojsonhint: errors; renkei: warnings (§3.1.8 says SHOULD avoid).
    ("GeometryCollection should avoid nested geometry collections", "geojson-nested-geometry-collection"),
    ("GeometryCollection with a single geometry should be avoided", "geojson-collection-single-type"),
  ]

  /// bad/ files renkei reports with warnings only (no error), on purpose.
  static let warningOnly: [String: String] = [
    "bad-polygon-interiorring-rhr": "right-hand rule: geojsonhint level \"message\"; §3.1.6 parsers SHOULD NOT reject",
    "polygon_winding_order": "right-hand rule: geojsonhint level \"message\"; §3.1.6 parsers SHOULD NOT reject",
    "point-toomany": "four-element position: geojsonhint level \"message\"; §3.1.1 says SHOULD NOT",
    "geometrycollection_nested": "§3.1.8: nested GeometryCollections SHOULD be avoided (geojsonhint: error)",
    "geometrycollection_single": "§3.1.8: single-part GeometryCollections SHOULD be avoided (geojsonhint: error)",
    "excessive_precision_truncated":
      "geojsonhint's .result is empty too: its precision warnings need the precisionWarning option, and §11.2 is advice, not a requirement; renkei reports nothing",
  ]

  /// good/ files renkei finds errors in, on purpose, with the only rules allowed to fire.
  static let goodWithErrors: [String: Set<String>] = [
    // Latitudes such as -107.2 and longitudes such as -259.6 are not WGS 84 degrees (§4); the
    // file tests geojsonhint's winding-order check, which does not look at ranges. Its rings
    // do follow the right-hand rule, and renkei agrees.
    "issue82": ["geojson-coordinate-range"]
  ]

  /// Rules renkei reports beyond the mapped geojsonhint messages, per bad/ file, and why.
  static let extraProblems: [String: Set<String>] = [
    // The parser's JSON-level warning for the repeated "type" comes with the GeoJSON error.
    "bad-duplicate-properties": ["json-duplicate-key"]
  ]

  struct Checked {
    let name: String
    let findings: [Finding]
    var errors: Set<String> { Set(findings.filter { $0.severity == .error }.map(\.ruleID)) }
    var warnings: Set<String> { Set(findings.filter { $0.severity == .warning }.map(\.ruleID)) }
    /// The problems found; the note that further findings were left out is not one.
    var rules: Set<String> {
      Set(
        findings.filter { $0.ruleID != "geojson-findings-truncated" }.map {
          $0.ruleID.hasPrefix("json-") && $0.severity == .error ? "json-*" : $0.ruleID
        })
    }
  }

  /// What `renkei validate` reports for the file: the parser's findings, then GeoJSON's.
  func check(_ url: URL) throws -> Checked {
    let name = url.deletingPathExtension().lastPathComponent
    let bytes = Array(try Data(contentsOf: url))
    do {
      let parsed = try JSONParser().parse(bytes)
      return Checked(
        name: name,
        findings: parsed.findings(file: url.path) + GeoJSONValidator().findings(parsed.document.root, file: url.path))
    } catch {
      return Checked(name: name, findings: [error.finding(file: url.path)])
    }
  }

  func files(_ folder: String) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(
      at: Self.directory.appendingPathComponent(folder), includingPropertiesForKeys: nil
    ).filter { $0.pathExtension == "geojson" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  /// The messages of a .result file (nil when there is none).
  func expectedMessages(_ url: URL) throws -> [String]? {
    let result = url.deletingPathExtension().appendingPathExtension("result")
    guard let data = try? Data(contentsOf: result) else { return nil }
    let root = try JSONParser().parse(Array(data)).document.root
    return root.elements.compactMap { $0["message"]?.string }
  }

  static func rule(for message: String) -> String? {
    messageMap.first { message.hasPrefix($0.message) }?.rule
  }

  func testFixtureCounts() throws {
    XCTAssertEqual(try files("good").count, 18)
    XCTAssertEqual(try files("bad").count, 44)
  }

  func testGoodFilesHaveNoErrors() throws {
    for url in try files("good") {
      let checked = try check(url)
      XCTAssertEqual(
        checked.errors, Self.goodWithErrors[checked.name] ?? [],
        "\(checked.name): \(checked.findings.map(\.message))")
    }
  }

  func testBadFilesHaveErrors() throws {
    var errorVerdicts = 0
    for url in try files("bad") {
      let checked = try check(url)
      if Self.warningOnly[checked.name] != nil {
        XCTAssertEqual(checked.errors, [], "\(checked.name) should only warn")
      } else {
        XCTAssertFalse(
          checked.errors.isEmpty, "\(checked.name) should have an error: \(checked.findings.map(\.message))")
        errorVerdicts += 1
      }
    }
    XCTAssertEqual(errorVerdicts, 38)
  }

  func testWarningOnlyFilesStillGetTheirWarning() throws {
    for url in try files("bad") where Self.warningOnly[url.deletingPathExtension().lastPathComponent] != nil {
      let checked = try check(url)
      let expected = Set(try expectedMessages(url)?.compactMap(Self.rule(for:)) ?? [])
      XCTAssertEqual(checked.warnings, expected, checked.name)
    }
  }

  func testBadFilesHaveTheSameProblems() throws {
    var compared = 0
    for url in try files("bad") {
      let checked = try check(url)
      guard let messages = try expectedMessages(url) else { continue }
      var expected = Set<String>()
      for message in messages {
        guard let rule = Self.rule(for: message) else {
          XCTFail("\(checked.name): no renkei rule mapped for geojsonhint's \"\(message)\"")
          continue
        }
        expected.insert(rule)
      }
      expected.formUnion(Self.extraProblems[checked.name] ?? [])
      XCTAssertEqual(checked.rules, expected, "\(checked.name): \(checked.findings.map(\.message))")
      compared += 1
    }
    XCTAssertEqual(compared, 44)
  }

  func testOneFindingPerRingLikeGeojsonhint() throws {
    // A Polygon whose "rings" are bare positions: geojsonhint reports each one, and so does
    // renkei, the first 100 listed and the rest counted.
    let url = Self.directory.appendingPathComponent("bad/bad-polygonloop.geojson")
    let checked = try check(url)
    let listed = checked.findings.filter { $0.ruleID == "geojson-coordinates-shape" }.count
    let more = checked.findings.first { $0.ruleID == "geojson-findings-truncated" }?.arguments["count"].flatMap {
      Int($0)
    }
    XCTAssertEqual(listed, 100)
    XCTAssertEqual(listed + (more ?? 0), try expectedMessages(url)?.count)
  }

  func testEveryMappedRuleExists() {
    let known = Set(GeoJSONRules.all.map(\.id))
    for (message, rule) in Self.messageMap where rule != "json-*" {
      XCTAssertTrue(known.contains(rule), "\(message) → \(rule)")
    }
  }
}
