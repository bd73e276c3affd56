import Foundation
import RenkeiCore
import XCTest

/// End-to-end: `renkei validate` checks `.geojson` files as GeoJSON (RFC 7946), and any JSON,
/// JSON Lines or YAML document with `--geojson`.
final class GeoJSONCLITests: XCTestCase {
  struct Seen: Equatable, CustomStringConvertible {
    let file: String
    let rule: String
    let severity: String
    let line: Int?
    let column: Int?
    let pointer: String?
    let clause: String?
    let message: String
    var description: String { "\(file):\(line ?? 0):\(column ?? 0) \(rule) \(pointer ?? "-") §\(clause ?? "-")" }
  }

  /// The findings of a JSON report, with file names shortened to their last component.
  func findings(_ json: String) throws -> [Seen] {
    let root = try JSONParser().parse(json).document.root
    var out: [Seen] = []
    for file in try XCTUnwrap(root["files"]).elements {
      for finding in try XCTUnwrap(file["findings"]).elements {
        let location = finding["location"]
        out.append(
          Seen(
            file: (file["path"]?.string ?? "").split(separator: "/").last.map(String.init) ?? "",
            rule: finding["ruleId"]?.string ?? "",
            severity: finding["severity"]?.string ?? "",
            line: location?["line"]?.number?.int64.map { Int($0) },
            column: location?["column"]?.number?.int64.map { Int($0) },
            pointer: location?["pointer"]?.string,
            clause: finding["spec"]?["document"]?.string == "RFC 7946" ? finding["spec"]?["clause"]?.string : nil,
            message: finding["message"]?.string ?? ""))
      }
    }
    return out
  }

  func validate(_ arguments: [String]) throws -> (status: Int32, findings: [Seen]) {
    let result = try RenkeiProcess.run(["validate", "--format", "json"] + arguments)
    XCTAssertFalse(result.crashed, result.stderr)
    return (result.status, try findings(result.stdout))
  }

  func testValidGeoJSONFilePasses() throws {
    let (status, found) = try validate([RenkeiProcess.fixture("geojson/tokyo.geojson")])
    XCTAssertEqual(status, 0)
    XCTAssertEqual(found, [])
  }

  func testGeoJSONExtensionIsCheckedWithoutAFlag() throws {
    let (status, found) = try validate([RenkeiProcess.fixture("geojson/swapped.geojson")])
    XCTAssertEqual(status, 1)
    XCTAssertEqual(found.map(\.rule), ["geojson-coordinate-range"])
    let finding = try XCTUnwrap(found.first)
    XCTAssertEqual(finding.severity, "error")
    XCTAssertEqual([finding.line, finding.column], [3, 48])
    XCTAssertEqual(finding.pointer, "/geometry/coordinates")
    XCTAssertEqual(finding.clause, "4")
    XCTAssertTrue(finding.message.contains("latitude, longitude of a place in Japan"), finding.message)
  }

  func testWarningsAloneDoNotFailTheRun() throws {
    let (status, found) = try validate([RenkeiProcess.fixture("geojson/winding.geojson")])
    XCTAssertEqual(status, 0)
    XCTAssertEqual(found.map(\.rule), ["geojson-crs", "geojson-right-hand-rule"])
    XCTAssertEqual(found.map(\.severity), ["warning", "warning"])
    XCTAssertEqual(found.map(\.pointer), ["/crs", "/features/0/geometry/coordinates/0"])
    XCTAssertEqual(found.map(\.clause), ["4", "3.1.6"])
  }

  func testPlainJSONNeedsTheFlag() throws {
    let file = RenkeiProcess.fixture("geojson/geometry.json")
    let plain = try validate([file])
    XCTAssertEqual(plain.status, 0)
    XCTAssertEqual(plain.findings, [])
    let checked = try validate(["--geojson", file])
    XCTAssertEqual(checked.status, 1)
    XCTAssertEqual(checked.findings.map(\.rule), ["geojson-linestring-too-short"])
    XCTAssertEqual(checked.findings.first?.clause, "3.1.4")
  }

  func testJSONLinesWithTheFlagPointAtTheirLines() throws {
    let (status, found) = try validate(["--geojson", RenkeiProcess.fixture("geojson/geometries.jsonl")])
    XCTAssertEqual(status, 1)
    XCTAssertEqual(found.map(\.rule), ["geojson-position-not-number", "geojson-ring-too-short"])
    XCTAssertEqual(found.map(\.line), [2, 3])
    XCTAssertEqual(found.map(\.pointer), ["/coordinates/1", "/coordinates/0"])
  }

  func testYAMLWithTheFlag() throws {
    let (status, found) = try validate(["--geojson", RenkeiProcess.fixture("geojson/geometry.yaml")])
    XCTAssertEqual(status, 1)
    XCTAssertEqual(found.map(\.rule), ["geojson-coordinate-range"])
    XCTAssertEqual(found.first?.line, 4)
    XCTAssertEqual(found.first?.pointer, "/coordinates")
  }

  func testBrokenJSONGetsOnlyTheSyntaxError() throws {
    let (status, found) = try validate([RenkeiProcess.fixture("geojson/broken.geojson")])
    XCTAssertEqual(status, 1)
    XCTAssertEqual(found.map(\.rule), ["json-missing-comma"])
  }

  func testDirectoryWalkChecksOnlyGeoJSONFilesAsGeoJSON() throws {
    let (status, found) = try validate([RenkeiProcess.fixture("geojson")])
    XCTAssertEqual(status, 1)
    XCTAssertEqual(
      found.map { "\($0.file) \($0.rule)" },
      [
        "broken.geojson json-missing-comma",
        "swapped.geojson geojson-coordinate-range",
        "winding.geojson geojson-crs",
        "winding.geojson geojson-right-hand-rule",
      ])
  }

  func testTextReportCitesTheClause() throws {
    let result = try RenkeiProcess.run(["validate", RenkeiProcess.fixture("geojson/swapped.geojson")])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stdout.contains("swapped.geojson:3:48: error:"), result.stdout)
    XCTAssertTrue(result.stdout.contains("[geojson-coordinate-range]"), result.stdout)
    XCTAssertTrue(result.stdout.contains("RFC 7946 §4"), result.stdout)
  }

  func testHostileGeoJSONDoesNotCrash() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("renkei-geojson-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // GeometryCollections nested 20,000 deep (with the depth limit raised), and 200,000
    // strings where numbers belong, on one line.
    let depth = 20_000
    let nested =
      String(repeating: #"{"type": "GeometryCollection", "geometries": ["#, count: depth)
      + String(repeating: "]}", count: depth)
    let deep = directory.appendingPathComponent("deep.geojson")
    try Data(nested.utf8).write(to: deep)
    let strings = Array(repeating: #"["x","y"]"#, count: 200_000).joined(separator: ",")
    let wide = directory.appendingPathComponent("wide.geojson")
    try Data(#"{"type":"MultiPoint","coordinates":[\#(strings)]}"#.utf8).write(to: wide)

    let deepRun = try validate(["--max-depth", "100000", deep.path])
    XCTAssertEqual(deepRun.status, 0)
    XCTAssertEqual(
      Set(deepRun.findings.map(\.rule)),
      ["geojson-nested-geometry-collection", "geojson-collection-single-type", "geojson-findings-truncated"])
    let wideRun = try validate([wide.path])
    XCTAssertEqual(wideRun.status, 1)
    XCTAssertEqual(wideRun.findings.filter { $0.rule == "geojson-position-not-number" }.count, 100)
    let truncated = wideRun.findings.first { $0.rule == "geojson-findings-truncated" }
    XCTAssertEqual(
      truncated?.message, "199900 more geojson-position-not-number findings in this document are not listed.")
  }
}
