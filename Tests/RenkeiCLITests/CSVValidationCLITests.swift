import Foundation
import RenkeiCore
import XCTest

/// End-to-end: `renkei validate` on CSV files, with and without a Table Schema, and on the real
/// municipal files in `samples/csv/`.
final class CSVValidationCLITests: XCTestCase {
  struct Outcome {
    var status: Int32
    var files: [JSONValue]
    var stderr: String

    var findings: [JSONValue] { files.flatMap { $0["findings"]!.elements } }

    func rules(errorsAndWarningsOnly: Bool = true) -> [String] {
      findings.filter { !errorsAndWarningsOnly || $0["severity"]?.string != "info" }.compactMap { $0["ruleId"]?.string }
    }

    func file(endingWith suffix: String) -> JSONValue? { files.first { $0["path"]?.string?.hasSuffix(suffix) == true } }
  }

  func validate(_ arguments: [String]) throws -> Outcome {
    let result = try RenkeiProcess.run(["validate", "--format", "json"] + arguments)
    XCTAssertFalse(result.crashed, result.stderr)
    guard let root = try? JSONParser().parse(result.stdout).document.root else {
      return Outcome(status: result.status, files: [], stderr: result.stderr)
    }
    return Outcome(status: result.status, files: root["files"]!.elements, stderr: result.stderr)
  }

  func fixture(_ name: String) -> String { RenkeiProcess.fixture("csv/\(name)") }

  /// `samples/csv` of the package.
  var samples: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("samples/csv").path
  }

  // MARK: - Real files

  func testRealMunicipalFilesDecodeAndHaveConsistentRows() throws {
    // The dataset checks (DatasetCLITests) are off here: this is about decoding and structure.
    let outcome = try validate([samples, "--dataset", "none"])
    XCTAssertEqual(outcome.status, 0, outcome.stderr)
    XCTAssertEqual(outcome.files.count, 9)
    XCTAssertEqual(outcome.rules(), [], "no errors or warnings: every row has the header's cells, no invalid byte")
    let expected: [(file: String, rows: Int64, columns: String, encoding: String)] = [
      ("katsushika_tourism.csv", 3, "30", "Shift_JIS (CP932)"),
      ("shimabara_tourism.csv", 28, "30", "UTF-8 with a byte order mark"),
      ("222127_aed.csv", 82, "22", "UTF-8"),
      ("222127_public_toilet.csv", 112, "39", "UTF-8"),
      ("222127_public_wireless_lan.csv", 17, "18", "UTF-8"),
      ("222127_preschool.csv", 60, "28", "UTF-8"),
      ("222127_facilities_smartmap.csv", 28, "24", "UTF-8 with a byte order mark"),
      ("222127_evacuation_space.csv", 31, "26", "UTF-8"),
      ("222127_fire_hydrant.csv", 193, "16", "UTF-8"),
    ]
    for entry in expected {
      let file = try XCTUnwrap(outcome.file(endingWith: entry.file), entry.file)
      XCTAssertEqual(file["format"]?.string, "csv")
      XCTAssertEqual(file["items"]?.number?.int64, entry.rows, entry.file)
      let findings = file["findings"]!.elements
      let encoding = try XCTUnwrap(findings.first { $0["ruleId"]?.string == "csv-encoding" })
      XCTAssertEqual(encoding["arguments"]?["encoding"]?.string, entry.encoding, entry.file)
      let dialect = try XCTUnwrap(findings.first { $0["ruleId"]?.string == "csv-dialect" })
      XCTAssertEqual(dialect["arguments"]?["header"]?.string, "in row 1", entry.file)
      XCTAssertEqual(dialect["arguments"]?["columns"]?.string, entry.columns, entry.file)
      XCTAssertEqual(dialect["arguments"]?["delimiter"]?.string, "comma", entry.file)
    }
    let katsushika = try XCTUnwrap(outcome.file(endingWith: "katsushika_tourism.csv"))
    let encoding = katsushika["findings"]!.elements.first { $0["ruleId"]?.string == "csv-encoding" }
    XCTAssertEqual(encoding?["arguments"]?["confidence"]?.string, "97%")
  }

  func testShiftJISFileWithAHeaderTypoNeedsTheSchemaToSayIt() throws {
    // The preschool file's header has 都道府県コ―ド (U+2015) for 都道府県コード: structurally fine,
    // and named by a Table Schema (or, later, the dataset profile).
    let schema = try temporaryFile(
      "preschool.schema.json",
      #"{"fields": [{"name": "都道府県コード又は市区町村コード", "type": "string"}, {"name": "NO", "type": "string"}], "fieldsMatch": "subset"}"#
    )
    let outcome = try validate([samples + "/yaizu-city/222127_preschool.csv", "--schema", schema])
    XCTAssertEqual(outcome.status, 1)
    let missing = outcome.findings.filter { $0["ruleId"]?.string == "missing-label" }
    XCTAssertEqual(missing.count, 1)
    XCTAssertEqual(missing.first?["location"]?["field"]?.string, "都道府県コード又は市区町村コード")
  }

  // MARK: - Table Schema

  func testTableSchemaFindingsAreLocated() throws {
    let outcome = try validate([fixture("facilities.csv"), "--schema", fixture("facilities.schema.json")])
    XCTAssertEqual(outcome.status, 1)
    XCTAssertEqual(outcome.files.first?["items"]?.number?.int64, 5)
    let found = outcome.findings.filter { $0["severity"]?.string == "error" }.map { finding in
      "\(finding["location"]?["row"]?.number?.int64 ?? 0) \(finding["location"]?["field"]?.string ?? "-") "
        + (finding["ruleId"]?.string ?? "")
    }
    XCTAssertEqual(
      found,
      [
        "4 全国地方公共団体コード constraint-error", "4 緯度 type-error", "4 開始時間 constraint-error", "4 URL type-error",
        "5 経度 constraint-error", "6 ID unique-error", "6 - primary-key",
      ])
    let typeError = try XCTUnwrap(outcome.findings.first { $0["ruleId"]?.string == "type-error" })
    XCTAssertEqual(typeError["location"]?["line"]?.number?.int64, 4)
    XCTAssertEqual(typeError["location"]?["column"]?.number?.int64, 22)
    XCTAssertEqual(typeError["spec"]?["url"]?.string, "https://datapackage.org/standard/table-schema/#number")
  }

  func testSchemaKindsMustFitTheInputs() throws {
    let tableOnJSON = try RenkeiProcess.run([
      "validate", fixture("doc.json"), "--schema", fixture("facilities.schema.json"),
    ])
    XCTAssertEqual(tableOnJSON.status, 2)
    XCTAssertTrue(tableOnJSON.stderr.contains("Table Schema"), tableOnJSON.stderr)
    let jsonOnCSV = try RenkeiProcess.run(["validate", fixture("tab.tsv"), "--schema", fixture("json-schema.json")])
    XCTAssertEqual(jsonOnCSV.status, 2)
    XCTAssertTrue(jsonOnCSV.stderr.contains("CSV files take a Table Schema"), jsonOnCSV.stderr)
    let badSchema = try temporaryFile("bad.schema.json", #"{"fields": [{"name": "a", "type": "bad"}]}"#)
    let bad = try RenkeiProcess.run(["validate", fixture("tab.tsv"), "--schema", badSchema])
    XCTAssertEqual(bad.status, 2)
    XCTAssertTrue(bad.stderr.contains("field type \"bad\" is not supported"), bad.stderr)
  }

  // MARK: - Options

  func testEncodingHeaderRowAndDelimiterOptions() throws {
    let detected = try validate([fixture("sjis.csv")])
    let encoding = detected.findings.first { $0["ruleId"]?.string == "csv-encoding" }
    XCTAssertEqual(encoding?["arguments"]?["encoding"]?.string, "Shift_JIS (CP932)")
    let named = try validate([fixture("sjis.csv"), "--encoding", "cp932"])
    XCTAssertEqual(
      named.findings.first { $0["ruleId"]?.string == "csv-encoding" }?["arguments"]?["confidence"]?.string, "100%")
    let wrong = try validate([fixture("sjis.csv"), "--encoding", "utf-8"])
    XCTAssertEqual(wrong.status, 1)
    XCTAssertTrue(wrong.rules().contains("encoding-error"))

    let titled = try validate([fixture("titled.csv")])
    XCTAssertEqual(titled.status, 0)
    XCTAssertEqual(titled.rules(), ["csv-title-row", "csv-title-row"])
    XCTAssertEqual(titled.files.first?["items"]?.number?.int64, 1)
    // Taking the title as the header makes every later row too wide.
    let header = try validate([fixture("titled.csv"), "--header-row", "1"])
    XCTAssertEqual(header.rules(), Array(repeating: "extra-cell", count: 6))
    let noHeader = try validate([fixture("tab.tsv"), "--header-row", "0"])
    XCTAssertEqual(noHeader.files.first?["items"]?.number?.int64, 3)

    let tab = try validate([fixture("tab.tsv")])
    XCTAssertEqual(
      tab.findings.first { $0["ruleId"]?.string == "csv-dialect" }?["arguments"]?["delimiter"]?.string, "tab")
    let forced = try validate([fixture("tab.tsv"), "--delimiter", "semicolon"])
    XCTAssertEqual(
      forced.findings.first { $0["ruleId"]?.string == "csv-dialect" }?["arguments"]?["columns"]?.string, "1")

    for bad in [["--encoding", "klingon"], ["--delimiter", "ab"], ["--header-row", "-1"]] {
      let result = try RenkeiProcess.run(["validate", fixture("tab.tsv")] + bad)
      XCTAssertNotEqual(result.status, 0, "\(bad)")
      XCTAssertFalse(result.stderr.isEmpty, "\(bad)")
    }
  }

  func testFilesWithoutExtensionAreSniffed() throws {
    let outcome = try validate([fixture("noextension")])
    XCTAssertEqual(outcome.files.first?["format"]?.string, "csv")
    XCTAssertEqual(outcome.rules(), ["extra-cell"])
  }

  // MARK: - Reports

  func testEveryReportFormat() throws {
    let arguments = [fixture("facilities.csv"), "--schema", fixture("facilities.schema.json")]
    for format in ["text", "json", "junit", "sarif", "markdown"] {
      let result = try RenkeiProcess.run(["validate", "--format", format] + arguments)
      XCTAssertEqual(result.status, 1, format)
      XCTAssertFalse(result.crashed, format)
      XCTAssertTrue(result.stdout.contains("constraint-error"), format)
      XCTAssertTrue(result.stdout.contains("unique-error"), format)
    }
    let text = try RenkeiProcess.run(["validate"] + arguments).stdout
    XCTAssertTrue(text.contains("facilities.csv:4:22: error: \"３４．８６\" in field \"緯度\" is not a number."), text)
    XCTAssertTrue(text.contains("at: row 4, field \"緯度\""), text)
    XCTAssertTrue(text.contains("facilities.csv (csv, 5 items): failed, 7 errors, 2 infos"), text)
  }

  private func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("renkei-csv-\(UUID().uuidString)-\(name)")
    try contents.write(to: url, atomically: true, encoding: .utf8)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url.path
  }
}
