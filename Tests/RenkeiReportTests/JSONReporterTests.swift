import Foundation
import RenkeiCore
import RenkeiReport
import XCTest

final class JSONReporterTests: XCTestCase {
  private func parse(_ text: String) throws -> JSONValue {
    try JSONParser().parse(text).document.root
  }

  private func schema() throws -> SchemaSubsetValidator {
    let url = try XCTUnwrap(JSONReporter.schemaURL, "the schema is a resource of RenkeiReport")
    return SchemaSubsetValidator(root: try parse(String(decoding: try Data(contentsOf: url), as: UTF8.self)))
  }

  func testSchemaIsBundledAndMatchesTheSourceFile() throws {
    let bundled = try Data(contentsOf: try XCTUnwrap(JSONReporter.schemaURL))
    let source = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/RenkeiReport/Schemas/report-v1.schema.json")
    XCTAssertEqual(bundled, try Data(contentsOf: source))
    let root = try parse(String(decoding: bundled, as: UTF8.self))
    XCTAssertEqual(root["$schema"]?.string, "https://json-schema.org/draft/2020-12/schema")
    XCTAssertEqual(root["properties"]?["reportVersion"]?["const"]?.string, JSONReporter.reportVersion)
  }

  /// The subset validator must understand every keyword the schema uses, or it could pass an
  /// instance by ignoring a constraint.
  func testSchemaUsesOnlyKeywordsTheTestValidatorEnforces() throws {
    XCTAssertEqual(try schema().unsupportedKeywords(), [])
  }

  /// Closed objects are what make "every key in the output is declared" checkable.
  func testSchemaClosesEveryObjectWithDeclaredMembers() throws {
    try schema().forEachSchema { node, path in
      if node["properties"] != nil {
        XCTAssertEqual(node["additionalProperties"]?.bool, false, "\(path) is open")
      }
    }
  }

  func testGoldenOutputConformsToTheSchema() throws {
    let golden = try Resources.text("Golden/sample.json")
    XCTAssertEqual(try schema().validate(try parse(golden)), [])
  }

  func testEmptyAndCleanReportsConformToTheSchema() throws {
    let validator = try schema()
    for report in [
      Report(command: "validate", toolVersion: "0.1.0", subjects: []),
      Report(command: "validate", toolVersion: "0.1.0", subjects: [Sample.clean]),
    ] {
      XCTAssertEqual(validator.validate(try parse(JSONReporter().render(report))), [])
    }
  }

  /// The sample exercises the whole schema: every member the schema declares occurs in the
  /// golden output (and validation above shows every member of the output is declared).
  func testSampleCoversEveryDeclaredMember() throws {
    var declared: Set<String> = []
    try schema().forEachSchema { node, _ in
      for (name, _) in node["properties"]?.members ?? [] { declared.insert(name) }
    }
    var used: Set<String> = []
    var stack = [try parse(try Resources.text("Golden/sample.json"))]
    while let value = stack.popLast() {
      for (name, member) in value.members {
        used.insert(name)
        // The maps' keys are data (rule ids, argument names), not schema members.
        if name != "byRule" && name != "arguments" { stack.append(member) }
      }
      stack.append(contentsOf: value.elements)
    }
    XCTAssertEqual(declared.subtracting(used), [], "declared but never produced by the sample")
  }

  /// The subset validator does reject what the schema forbids, so the passing tests above mean
  /// something.
  func testSchemaSubsetValidatorRejectsViolations() throws {
    let validator = try schema()
    let golden = try Resources.text("Golden/sample.json")
    let broken = [
      golden.replacing(#""reportVersion": "1""#, with: #""reportVersion": "2""#),
      golden.replacing(#""severity": "info""#, with: #""severity": "notice""#),
      golden.replacing(#""line": 3,"#, with: #""line": 0,"#),
      golden.replacing(#""items": 120,"#, with: #""items": 120, "extra": true,"#),
      golden.replacing(#""command": "validate","#, with: ""),
      golden.replacing(#""csv-required-field": 2,"#, with: #""csv-required-field": "2","#),
    ]
    for (index, text) in broken.enumerated() {
      XCTAssertNotEqual(text, golden, "mutation \(index) did not apply")
      XCTAssertFalse(validator.validate(try parse(text)).isEmpty, "mutation \(index) was not caught")
    }
  }

  func testFullSchemaValidationWithPythonJSONSchema() throws {
    let url = try XCTUnwrap(JSONReporter.schemaURL)
    // Called outside XCTAssert: an XCTSkip thrown inside an assertion counts as a failure.
    let sample = try PythonJSONSchema.violations(of: JSONReporter().render(Sample.report), schema: url)
    XCTAssertEqual(sample, [])
    let empty = Report(command: "validate", toolVersion: "0.1.0", subjects: [])
    let emptyViolations = try PythonJSONSchema.violations(of: JSONReporter().render(empty), schema: url)
    XCTAssertEqual(emptyViolations, [])
  }

  func testValuesSurviveTheRoundTrip() throws {
    let root = try parse(JSONReporter().render(Sample.report))
    XCTAssertEqual(root["reportVersion"]?.string, "1")
    XCTAssertEqual(root["tool"]?["name"]?.string, "renkei")
    XCTAssertEqual(root["summary"]?["errors"]?.number?.int64, 4)
    XCTAssertEqual(root["summary"]?["failedFiles"]?.number?.int64, 3)
    XCTAssertEqual(root["summary"]?["passed"]?.bool, false)
    XCTAssertEqual(root["summary"]?["byRule"]?.members.first?.key, "csv-required-field")
    let files = try XCTUnwrap(root["files"]?.elements)
    XCTAssertEqual(files.map { $0["path"]?.string }, Sample.report.subjects.map(\.path))
    // Control characters and markup are escaped by the writer and decode back exactly.
    let noRoot = try XCTUnwrap(files[4]["findings"]?[0])
    XCTAssertEqual(noRoot["message"]?.string, Sample.empty.findings[0].message)
    // A finding without a file is about its subject.
    XCTAssertEqual(noRoot["location"]?["file"]?.string, "data/empty file.xml")
    XCTAssertEqual(noRoot["location"]?.count, 1)
    // The whole-document pointer is kept as "", not dropped.
    XCTAssertEqual(files[2]["findings"]?[0]?["location"]?["pointer"]?.string, "")
    XCTAssertEqual(files[3]["findings"]?.count, 0)
  }

  func testAbsentValuesAreOmittedNotNull() throws {
    let text = JSONReporter().render(Sample.report)
    XCTAssertFalse(text.contains("null"))
    let info = try XCTUnwrap(try parse(text)["files"]?[0]?["findings"]?[2])
    XCTAssertEqual(info["ruleId"]?.string, "json-number-precision")
    XCTAssertNil(info["fix"])
    XCTAssertNil(info["spec"])
    XCTAssertNil(info["location"]?["column"])
  }
}
