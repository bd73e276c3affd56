import Foundation
import RenkeiCore
import XCTest

@testable import RenkeiReport

final class SARIFReporterTests: XCTestCase {
  private func render(_ report: Report = Sample.report, rules: [Rule] = []) throws -> JSONValue {
    try JSONParser().parse(SARIFReporter(rules: rules).render(report)).document.root
  }

  func testBasicStructure() throws {
    let root = try render()
    XCTAssertEqual(root.members.map(\.key), ["$schema", "version", "runs"])
    XCTAssertEqual(root["$schema"]?.string, "https://json.schemastore.org/sarif-2.1.0.json")
    XCTAssertEqual(root["version"]?.string, "2.1.0")
    XCTAssertEqual(root["runs"]?.count, 1)
    let run = try XCTUnwrap(root["runs"]?[0])
    XCTAssertEqual(run["columnKind"]?.string, "unicodeCodePoints")
    let driver = try XCTUnwrap(run["tool"]?["driver"])
    XCTAssertEqual(driver["name"]?.string, "renkei")
    XCTAssertEqual(driver["version"]?.string, "0.1.0")
    XCTAssertNil(driver["informationUri"], "left out unless given")

    let ruleIDs = try XCTUnwrap(driver["rules"]?.elements.compactMap { $0["id"]?.string })
    XCTAssertEqual(ruleIDs, Set(Sample.report.findings.map(\.ruleID)).sorted())
    let results = try XCTUnwrap(run["results"]?.elements)
    XCTAssertEqual(results.count, Sample.report.findings.count)
    for result in results {
      let index = try XCTUnwrap(result["ruleIndex"]?.number?.int64)
      XCTAssertEqual(result["ruleId"]?.string, ruleIDs[Int(index)], "ruleIndex points at its rule")
      XCTAssertTrue(["error", "warning", "note"].contains(result["level"]?.string ?? ""))
      XCTAssertNotNil(result["message"]?["text"]?.string)
      let location = try XCTUnwrap(result["locations"]?[0]?["physicalLocation"])
      let artifact = try XCTUnwrap(location["artifactLocation"])
      let artifactIndex = try XCTUnwrap(artifact["index"]?.number?.int64)
      XCTAssertEqual(run["artifacts"]?[Int(artifactIndex)]?["location"]?["uri"]?.string, artifact["uri"]?.string)
    }
    XCTAssertEqual(results.map { $0["level"]?.string }.filter { $0 == "note" }.count, Sample.report.infoCount)
    XCTAssertEqual(run["artifacts"]?.count, Sample.report.subjects.count, "clean files are listed too")
  }

  func testLocations() throws {
    let results = try XCTUnwrap(try render()["runs"]?[0]?["results"]?.elements)
    func result(_ rule: String, _ n: Int = 0) throws -> JSONValue {
      try XCTUnwrap(results.filter { $0["ruleId"]?.string == rule }.dropFirst(n).first)
    }
    // Line and column become a region; the pointer a logical location.
    let duplicate = try result("json-duplicate-key")
    let region = try XCTUnwrap(duplicate["locations"]?[0]?["physicalLocation"]?["region"])
    XCTAssertEqual(region["startLine"]?.number?.int64, 3)
    XCTAssertEqual(region["startColumn"]?.number?.int64, 5)
    XCTAssertEqual(duplicate["locations"]?[0]?["logicalLocations"]?[0]?["fullyQualifiedName"]?.string, "/name")
    XCTAssertEqual(duplicate["properties"]?["fix"]?.string, "Remove or rename one of the members.")
    XCTAssertTrue(
      duplicate["message"]?["markdown"]?.string?.hasSuffix("**Fix:** Remove or rename one of the members.") ?? false)
    // A line without a column has no startColumn.
    let precision = try result("json-number-precision")
    XCTAssertNil(precision["locations"]?[0]?["physicalLocation"]?["region"]?["startColumn"])
    // Rows and fields are not lines: no region, but properties; the path is percent-encoded.
    let row = try result("csv-required-field", 1)
    let physical = try XCTUnwrap(row["locations"]?[0]?["physicalLocation"])
    XCTAssertNil(physical["region"])
    XCTAssertEqual(physical["artifactLocation"]?["uri"]?.string, "data/%E6%96%BD%E8%A8%AD%E4%B8%80%E8%A6%A7.csv")
    XCTAssertEqual(row["properties"]?["row"]?.number?.int64, 12)
    XCTAssertEqual(row["properties"]?["field"]?.string, "名称")
    // The document of a stream goes into properties; the whole-document pointer stays "".
    let stream = try result("ngsi-ld-missing-context")
    XCTAssertEqual(stream["properties"]?["document"]?.number?.int64, 2)
    XCTAssertEqual(stream["locations"]?[0]?["logicalLocations"]?[0]?["fullyQualifiedName"]?.string, "")
    // A finding about the whole file points at the file alone.
    let noRoot = try result("xml-no-root")
    XCTAssertEqual(
      noRoot["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.string, "data/empty%20file.xml")
    XCTAssertNil(noRoot["locations"]?[0]?["physicalLocation"]?["region"])
    XCTAssertEqual(noRoot["message"]?["text"]?.string, Sample.empty.findings[0].message)
  }

  func testRuleCatalogueDescribesRules() throws {
    let rule = Rule(
      id: "json-duplicate-key", severity: .error, spec: .rfc8259("4"),
      message: "Duplicate member name \"{name}\".", fix: "Remove or rename one of the \"{name}\" members.")
    let driver = try XCTUnwrap(try render(rules: [rule])["runs"]?[0]?["tool"]?["driver"])
    let descriptor = try XCTUnwrap(driver["rules"]?.elements.first { $0["id"]?.string == rule.id })
    XCTAssertEqual(descriptor["shortDescription"]?["text"]?.string, rule.message)
    XCTAssertEqual(descriptor["help"]?["text"]?.string, rule.fix)
    XCTAssertEqual(descriptor["helpUri"]?.string, "https://www.rfc-editor.org/rfc/rfc8259#section-4")
    XCTAssertEqual(descriptor["defaultConfiguration"]?["level"]?.string, "error")
    XCTAssertEqual(descriptor["properties"]?["spec"]?.string, "RFC 8259 §4")
    // Without the catalogue the id and clause describe the rule.
    let bare = try XCTUnwrap(
      try render()["runs"]?[0]?["tool"]?["driver"]?["rules"]?.elements.first { $0["id"]?.string == rule.id })
    XCTAssertEqual(bare["shortDescription"]?["text"]?.string, "json-duplicate-key (RFC 8259 §4)")
    XCTAssertNil(bare["help"])
  }

  func testInformationURI() throws {
    let text = SARIFReporter(informationURI: "https://example.org/renkei").render(Sample.report)
    let driver = try JSONParser().parse(text).document.root["runs"]?[0]?["tool"]?["driver"]
    XCTAssertEqual(driver?["informationUri"]?.string, "https://example.org/renkei")
  }

  func testURIEncoding() {
    XCTAssertEqual(SARIFReporter.uri("data/a-b_c.~1.json"), "data/a-b_c.~1.json")
    XCTAssertEqual(SARIFReporter.uri("my data/東京.csv"), "my%20data/%E6%9D%B1%E4%BA%AC.csv")
    XCTAssertEqual(SARIFReporter.uri("c:x#y?z%"), "c%3Ax%23y%3Fz%25")
    XCTAssertEqual(SARIFReporter.uri("\u{1}"), "%01")
  }

  func testEmptyReport() throws {
    let run = try XCTUnwrap(try render(Report(command: "validate", toolVersion: "0.1.0", subjects: []))["runs"]?[0])
    XCTAssertEqual(run["results"]?.count, 0)
    XCTAssertEqual(run["tool"]?["driver"]?["rules"]?.count, 0)
  }

  /// Full validation against the OASIS SARIF 2.1.0 schema with python's jsonschema. The schema
  /// (oasis-tcs/sarif-spec, sarif-2.1/schema/sarif-schema-2.1.0.json) is not bundled: point
  /// RENKEI_SARIF_SCHEMA at a local copy to run this; skipped otherwise.
  func testValidAgainstSARIFSchemaWithPythonJSONSchema() throws {
    guard let path = ProcessInfo.processInfo.environment["RENKEI_SARIF_SCHEMA"] else {
      throw XCTSkip("set RENKEI_SARIF_SCHEMA to the SARIF 2.1.0 schema to validate against it")
    }
    let schema = URL(fileURLWithPath: path)
    let catalogue = [
      Rule(id: "json-duplicate-key", severity: .error, spec: .rfc8259("4"), message: "Duplicate.", fix: "Fix.")
    ]
    // Called outside XCTAssert: an XCTSkip thrown inside an assertion counts as a failure.
    let sample = try PythonJSONSchema.violations(
      of: SARIFReporter(rules: catalogue).render(Sample.report), schema: schema)
    XCTAssertEqual(sample, [])
    let empty = Report(command: "validate", toolVersion: "0.1.0", subjects: [])
    let emptyViolations = try PythonJSONSchema.violations(of: SARIFReporter().render(empty), schema: schema)
    XCTAssertEqual(emptyViolations, [])
  }
}
