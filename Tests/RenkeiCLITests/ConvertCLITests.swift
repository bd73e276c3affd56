import Foundation
import RenkeiCore
import XCTest

/// End-to-end: `renkei convert` as a user runs it.
final class ConvertCLITests: XCTestCase {
  var root: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
  }

  var aed: String { root + "/samples/csv/yaizu-city/222127_aed.csv" }

  func temporary(_ name: String, _ text: String) throws -> String {
    let directory = NSTemporaryDirectory() + "renkei-convert-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
    return directory + "/" + name
  }

  func testConvertsTheAEDListWithNoMappingArgument() throws {
    let result = try RenkeiProcess.run(["convert", aed, "--to", "ngsi-ld"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let entities = try JSONParser().parse(result.stdout).document.root
    XCTAssertEqual(entities.count, 82)
    XCTAssertEqual(entities[0]?["type"]?.string, "AED設置箇所一覧")
    XCTAssertEqual(entities[0]?["location"]?["type"]?.string, "GeoProperty")
    XCTAssertTrue(result.stderr.contains("mapping aed (file name matches *_aed.csv)"), result.stderr)
    XCTAssertTrue(result.stderr.contains("82 rows in, 82 entities out (AED設置箇所一覧, ngsi-ld), 0 rejected"), result.stderr)
  }

  func testJSONLinesToAFileAndGeoJSON() throws {
    let output = NSTemporaryDirectory() + "renkei-aed-\(UUID().uuidString).jsonl"
    let result = try RenkeiProcess.run(["convert", aed, "--to", "ngsi-ld-keyvalues", "-o", output])
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
    XCTAssertEqual(lines.count, 82)
    let geojson = try RenkeiProcess.run(["convert", aed, "--to", "geojson"])
    let collection = try JSONParser().parse(geojson.stdout).document.root
    XCTAssertEqual(collection["type"]?.string, "FeatureCollection")
    XCTAssertEqual(collection["features"]?.count, 82)
    // renkei's own validator agrees the GeoJSON is valid.
    let path = try temporary("aed.geojson", geojson.stdout)
    XCTAssertEqual(try RenkeiProcess.run(["validate", path]).status, 0)
  }

  func testRejectedRowsMakeTheExitCodeOneUnlessPartialIsAllowed() throws {
    // (The file ends its lines with CRLF, one Character in Swift.)
    let csv = try String(contentsOfFile: aed, encoding: .utf8).split(whereSeparator: \.isNewline)
    var rows = Array(csv.prefix(4)).map(String.init)
    rows[2] = rows[2].replacingOccurrences(of: ",有,", with: ",不明,")
    let path = try temporary("222127_aed.csv", rows.joined(separator: "\n") + "\n")
    let result = try RenkeiProcess.run(["convert", path, "--jsonl"])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(result.stdout.split(separator: "\n").count, 2)
    XCTAssertTrue(result.stderr.contains("error schema-enum"), result.stderr)
    XCTAssertTrue(result.stderr.contains("Row 3: the entity is not a valid AED設置箇所一覧"), result.stderr)
    XCTAssertTrue(result.stderr.contains("3 rows in, 2 entities out (AED設置箇所一覧, ngsi-ld), 1 rejected"), result.stderr)
    XCTAssertEqual(try RenkeiProcess.run(["convert", path, "--allow-partial"]).status, 0)
    XCTAssertEqual(try RenkeiProcess.run(["convert", path, "--no-validate"]).status, 0)
  }

  func testRoundTripThroughTheCommandLine() throws {
    let normalized = try RenkeiProcess.run(["convert", aed, "--to", "csv"])
    XCTAssertEqual(normalized.status, 0, normalized.stderr)
    let keyValues = try RenkeiProcess.run(["convert", aed, "--to", "ngsi-ld-keyvalues", "--jsonl"])
    let path = try temporary("aed.jsonl", keyValues.stdout)
    let back = try RenkeiProcess.run(["convert", path, "--mapping", "aed", "--to", "csv"])
    XCTAssertEqual(back.status, 0, back.stderr)
    XCTAssertEqual(back.stdout, normalized.stdout)
    XCTAssertTrue(normalized.stdout.hasPrefix("都道府県コード又は市区町村コード,NO,都道府県名,"))
  }

  func testPostToAnUnreachableBrokerReportsEveryEntity() throws {
    // Port 9 (discard) on the loopback interface: nothing listens there, the connection is refused.
    let result = try RenkeiProcess.run([
      "convert", aed, "--post", "http://127.0.0.1:9", "--retries", "0", "--timeout", "2", "--batch-size", "50",
    ])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(result.stdout, "")
    XCTAssertTrue(
      result.stderr.contains(
        "http://127.0.0.1:9/ngsi-ld/v1/entityOperations/upsert: 0 entities accepted, 82 not accepted (2 requests)"),
      result.stderr)
    XCTAssertTrue(
      result.stderr.contains("error convert-post-rejected: Entity urn:ngsi-ld:AED:222127:0000000001 (row 2)"),
      result.stderr)
    let wrongTarget = try RenkeiProcess.run(["convert", aed, "--to", "geojson", "--post", "http://127.0.0.1:9"])
    XCTAssertEqual(wrongTarget.status, 2)
  }

  func testUsageErrors() throws {
    let v2 = try RenkeiProcess.run(["convert", aed, "--to", "ngsi-v2"])
    XCTAssertEqual(v2.status, 2)
    XCTAssertTrue(v2.stderr.contains("NGSI v2 does not allow"), v2.stderr)
    let unknown = try RenkeiProcess.run(["convert", aed, "--mapping", "nope"])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(unknown.stderr.contains("unknown mapping \"nope\""), unknown.stderr)
    let unrelated = try temporary("sales.csv", "date,amount\n2024-01-01,3\n")
    let none = try RenkeiProcess.run(["convert", unrelated])
    XCTAssertEqual(none.status, 2)
    XCTAssertTrue(none.stderr.contains("no built-in mapping fits"), none.stderr)
    XCTAssertEqual(try RenkeiProcess.run(["convert", root + "/missing.csv"]).status, 2)
  }

  func testXMLInputAndHelp() throws {
    let result = try RenkeiProcess.run([
      "convert", root + "/samples/xml/facilities.xml", "--records", "facilities/facility", "--mapping",
      root + "/profiles/mappings/examples/facility-xml.yaml", "--to", "ngsi-ld", "--jsonl",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout.split(separator: "\n").count, 19)
    let help = try RenkeiProcess.run(["--help"])
    XCTAssertTrue(help.stdout.contains("convert"))
    let convertHelp = try RenkeiProcess.run(["convert", "--help"])
    XCTAssertTrue(convertHelp.stdout.contains("--post <url>"))
  }
}
