import Foundation
import RenkeiCore
import XCTest

/// End-to-end: `renkei validate --schema` and `renkei bowtie`.
final class SchemaValidationCLITests: XCTestCase {
  func report(_ arguments: [String]) throws -> (status: Int32, findings: [JSONValue]) {
    let result = try RenkeiProcess.run(["validate", "--format", "json"] + arguments)
    XCTAssertFalse(result.crashed)
    guard let root = try? JSONParser().parse(result.stdout).document.root else {
      XCTFail("no JSON report: \(result.stderr)")
      return (result.status, [])
    }
    return (result.status, root["files"]!.elements.flatMap { $0["findings"]!.elements })
  }

  func testAnInvalidDocumentAmongValidOnesIsLocated() throws {
    let schema = RenkeiProcess.fixture("schema/facility.schema.json")
    let reference = "https://example.org/point.schema.json=" + RenkeiProcess.fixture("schema/point.schema.json")
    let (status, findings) = try report([
      "--schema", schema, "--ref", reference, RenkeiProcess.fixture("schema/facilities.jsonl"),
    ])
    XCTAssertEqual(status, 1)
    XCTAssertEqual(findings.count, 1, "format is an annotation unless asserted")
    let finding = try XCTUnwrap(findings.first)
    XCTAssertEqual(finding["ruleId"]?.string, "schema-maximum")
    XCTAssertEqual(finding["location"]?["line"]?.number?.int64, 2)
    XCTAssertEqual(finding["location"]?["pointer"]?.string, "/location/coordinates/1")
    XCTAssertEqual(
      finding["arguments"]?["keywordLocation"]?.string,
      "/properties/location/$ref/properties/coordinates/prefixItems/1/maximum")
    XCTAssertEqual(
      finding["arguments"]?["absoluteKeywordLocation"]?.string,
      "https://example.org/point.schema.json#/properties/coordinates/prefixItems/1/maximum")
    XCTAssertEqual(finding["spec"]?["clause"]?.string, "6.2.2")
  }

  func testAssertFormat() throws {
    let schema = RenkeiProcess.fixture("schema/facility.schema.json")
    let reference = "https://example.org/point.schema.json=" + RenkeiProcess.fixture("schema/point.schema.json")
    let (_, findings) = try report([
      "--schema", schema, "--ref", reference, "--assert-format", RenkeiProcess.fixture("schema/facilities.jsonl"),
    ])
    XCTAssertEqual(findings.compactMap { $0["ruleId"]?.string }.sorted(), ["schema-format", "schema-maximum"])
  }

  func testUnresolvableReferenceNamesTheURL() throws {
    let result = try RenkeiProcess.run([
      "validate", "--schema", RenkeiProcess.fixture("schema/facility.schema.json"),
      RenkeiProcess.fixture("schema/facilities.jsonl"),
    ])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("https://example.org/point.schema.json"), result.stderr)
  }

  func testSchemaDirectoryAndYAMLDocuments() throws {
    let (status, findings) = try report([
      "--schema", RenkeiProcess.fixture("schema/facility.schema.json"), "--schema-dir", RenkeiProcess.fixture("schema"),
      RenkeiProcess.fixture("schema/facility.yaml"),
    ])
    XCTAssertEqual(status, 1)
    XCTAssertEqual(findings.compactMap { $0["ruleId"]?.string }.sorted(), ["schema-minLength", "schema-pattern"])
    XCTAssertEqual(findings.first { $0["ruleId"]?.string == "schema-pattern" }?["location"]?["line"]?.number?.int64, 1)
  }

  func testBowtieHarness() throws {
    let input = """
      {"cmd": "start", "version": 1}
      {"cmd": "dialect", "dialect": "https://json-schema.org/draft/2020-12/schema"}
      {"cmd": "run", "seq": 1, "case": {"description": "d", "schema": {"$ref": "http://example.com/int"}, "registry": {"http://example.com/int": {"type": "integer"}}, "tests": [{"description": "a", "instance": 1}, {"description": "b", "instance": "x"}]}}
      {"cmd": "run", "seq": "two", "case": {"description": "bad", "schema": {"$ref": "http://example.com/missing"}, "tests": [{"description": "a", "instance": 1}]}}
      {"cmd": "stop"}

      """
    let result = try RenkeiProcess.run(["bowtie"], input: input)
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = result.stdout.split(separator: "\n").map { try! JSONParser().parse(String($0)).document.root }
    XCTAssertEqual(lines.count, 4)
    XCTAssertEqual(lines[0]["version"]?.number?.lexeme, "1")
    XCTAssertEqual(lines[0]["implementation"]?["name"]?.string, "renkei")
    XCTAssertEqual(lines[1]["ok"]?.bool, true)
    XCTAssertEqual(lines[2]["seq"]?.number?.lexeme, "1")
    XCTAssertEqual(lines[2]["results"]?.elements.compactMap { $0["valid"]?.bool }, [true, false])
    XCTAssertEqual(lines[3]["seq"]?.string, "two")
    XCTAssertEqual(lines[3]["errored"]?.bool, true)
  }
}

/// `--schema-output`: JSON Schema's standard output formats.
final class SchemaOutputCLITests: XCTestCase {
  func run(_ style: String) throws -> JSONValue {
    let result = try RenkeiProcess.run([
      "validate", "--format", "json", "--schema-output", style,
      "--schema", RenkeiProcess.fixture("schema/facility.schema.json"),
      "--ref", "https://example.org/point.schema.json=" + RenkeiProcess.fixture("schema/point.schema.json"),
      RenkeiProcess.fixture("schema/facilities.jsonl"),
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    return try JSONParser().parse(result.stdout).document.root
  }

  func testFlagBasicAndDetailed() throws {
    let flag = try run("flag")
    XCTAssertEqual(flag["valid"]?.bool, false)
    XCTAssertEqual(flag["documents"]?.number?.lexeme, "3")
    XCTAssertEqual(flag["invalid"]?.count, 1)
    XCTAssertEqual(flag["invalid"]?[0]?["line"]?.number?.lexeme, "2")
    XCTAssertNil(flag["invalid"]?[0]?["output"]?["errors"])

    let basic = try run("basic")
    let unit = try XCTUnwrap(basic["invalid"]?[0]?["output"]?["errors"]?[0])
    XCTAssertEqual(unit["instanceLocation"]?.string, "/location/coordinates/1")
    XCTAssertEqual(
      unit["keywordLocation"]?.string, "/properties/location/$ref/properties/coordinates/prefixItems/1/maximum")

    let detailed = try run("detailed")
    XCTAssertEqual(detailed["outputFormat"]?.string, "detailed")
    XCTAssertEqual(detailed["invalid"]?[0]?["output"]?["errors"]?.count, 1)
  }

  func testNeedsASchemaAndJSON() throws {
    let result = try RenkeiProcess.run([
      "validate", "--schema-output", "basic", RenkeiProcess.fixture("tree/valid.json"),
    ])
    XCTAssertEqual(result.status, 2)
  }
}
