import Foundation
import RenkeiCore
import XCTest

/// End-to-end: the `renkei validate` command on fixture files, through its JSON report.
final class ValidateCommandTests: XCTestCase {
  struct Seen: Equatable, CustomStringConvertible {
    let file: String
    let rule: String
    let line: Int?
    let column: Int?
    var description: String { "\(file):\(line.map(String.init) ?? "-"):\(column.map(String.init) ?? "-") \(rule)" }
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
            file: (location?["file"]?.string ?? file["path"]?.string ?? "").split(separator: "/").last.map(String.init)
              ?? "",
            rule: finding["ruleId"]?.string ?? "",
            line: location?["line"]?.number?.int64.map { Int($0) },
            column: location?["column"]?.number?.int64.map { Int($0) }))
      }
    }
    return out
  }

  func testValidFileExitsZero() throws {
    let result = try RenkeiProcess.run(["validate", "--format", "json", RenkeiProcess.fixture("tree/valid.json")])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(try findings(result.stdout), [])
  }

  func testDirectoryWalkFindsEveryFileInOrder() throws {
    let result = try RenkeiProcess.run(["validate", "--format", "json", RenkeiProcess.fixture("tree")])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(
      try findings(result.stdout),
      [
        Seen(file: "duplicate.json", rule: "json-duplicate-key", line: 1, column: 10),
        Seen(file: "facilities.csv", rule: "csv-encoding", line: nil, column: nil),
        Seen(file: "facilities.csv", rule: "csv-dialect", line: nil, column: nil),
        Seen(file: "photo.bin", rule: "input-not-validated", line: nil, column: nil),
        Seen(file: "trailing-comma.json", rule: "json-trailing-comma", line: 1, column: 6),
      ])
  }

  func testJSONLinesReportsEachBadLineAndCarriesOn() throws {
    let result = try RenkeiProcess.run(["validate", "--format", "json", RenkeiProcess.fixture("lines.jsonl")])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      try findings(result.stdout),
      [
        Seen(file: "lines.jsonl", rule: "json-trailing-comma", line: 2, column: 8),
        Seen(file: "lines.jsonl", rule: "jsonl-blank-line", line: 3, column: 1),
      ])
    let root = try JSONParser().parse(result.stdout).document.root
    XCTAssertEqual(root["files"]?[0]?["items"]?.number?.int64, 3)
  }

  func testWarningsAloneExitZero() throws {
    let result = try RenkeiProcess.run(["validate", "--format", "json", RenkeiProcess.fixture("bom.json")])
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(try findings(result.stdout).map(\.rule), ["json-byte-order-mark"])
  }

  func testShiftJISJSONIsNamedAsNotUTF8() throws {
    let result = try RenkeiProcess.run(["validate", "--format", "json", RenkeiProcess.fixture("shift-jis.json")])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      try findings(result.stdout), [Seen(file: "shift-jis.json", rule: "json-invalid-utf8", line: 1, column: 11)])
  }

  func testFileWithoutExtensionIsSniffed() throws {
    let result = try RenkeiProcess.run(["validate", "--format", "json", RenkeiProcess.fixture("noextension")])
    XCTAssertEqual(result.status, 0, result.stdout)
    let root = try JSONParser().parse(result.stdout).document.root
    XCTAssertEqual(root["files"]?[0]?["format"]?.string, "json")
  }

  func testYAMLAndXML() throws {
    let good = try RenkeiProcess.run([
      "validate", "--format", "json", RenkeiProcess.fixture("doc.yaml"), RenkeiProcess.fixture("ok.xml"),
    ])
    XCTAssertEqual(good.status, 0, good.stdout)
    XCTAssertEqual(try findings(good.stdout), [])
    let bad = try RenkeiProcess.run([
      "validate", "--format", "json", RenkeiProcess.fixture("broken.yaml"), RenkeiProcess.fixture("broken.xml"),
    ])
    XCTAssertEqual(bad.status, 1)
    let seen = try findings(bad.stdout)
    // Files stay in command-line order.
    XCTAssertEqual(seen.map(\.file), ["broken.yaml", "broken.xml"])
    XCTAssertEqual(seen[0].rule, "yaml-syntax")
    XCTAssertEqual(seen[1].rule, "xml-not-well-formed")
    XCTAssertEqual(seen[1].line, 3)
  }

  func testXSDValidation() throws {
    let xsd = RenkeiProcess.fixture("facilities.xsd")
    let ok = try RenkeiProcess.run(["validate", "--format", "json", "--xsd", xsd, RenkeiProcess.fixture("ok.xml")])
    XCTAssertEqual(ok.status, 0, ok.stdout)
    let bad = try RenkeiProcess.run([
      "validate", "--format", "json", "--xsd", xsd, RenkeiProcess.fixture("invalid-by-xsd.xml"),
    ])
    XCTAssertEqual(bad.status, 1, bad.stdout)
    let seen = try findings(bad.stdout)
    XCTAssertEqual(seen.map(\.rule), ["xml-schema-invalid"])
    XCTAssertEqual(seen.first?.line, 3)
  }

  func testUsageAndIOErrorsExitTwo() throws {
    XCTAssertEqual(try RenkeiProcess.run(["validate", "/nonexistent/file.json"]).status, 2)
    XCTAssertEqual(try RenkeiProcess.run(["validate"]).status, 2)
    XCTAssertEqual(try RenkeiProcess.run(["validate", "--format", "pdf", RenkeiProcess.fixture("doc.yaml")]).status, 2)
    XCTAssertEqual(try RenkeiProcess.run(["frobnicate"]).status, 2)
    let missingSchema = try RenkeiProcess.run([
      "validate", "--xsd", "/nonexistent.xsd", RenkeiProcess.fixture("ok.xml"),
    ])
    XCTAssertEqual(missingSchema.status, 2)
    XCTAssertFalse(missingSchema.stderr.isEmpty)
  }

  func testHelpListsExactlyTheBuiltCommands() throws {
    let help = try RenkeiProcess.run(["--help"])
    XCTAssertEqual(help.status, 0)
    let after = help.stdout.components(separatedBy: "SUBCOMMANDS:\n").last ?? ""
    let section = after.components(separatedBy: "\n\n").first ?? ""
    let listed = section.split(separator: "\n").compactMap { line -> String? in
      let words = line.split(separator: " ")
      return line.hasPrefix("  ") && !line.hasPrefix("   ") ? words.first.map(String.init) : nil
    }
    XCTAssertEqual(listed, RenkeiProcess.builtCommands)
    // Each listed command is real: its own help works.
    for command in listed {
      XCTAssertEqual(try RenkeiProcess.run([command, "--help"]).status, 0, command)
    }
  }

  func testWritesSeveralReportsInOneRun() throws {
    let dir = NSTemporaryDirectory() + "renkei-cli-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let result = try RenkeiProcess.run([
      "validate", RenkeiProcess.fixture("tree"), "--format", "json", "--output", "\(dir)/r.json",
      "--report", "junit=\(dir)/r.xml", "--report", "sarif=\(dir)/r.sarif", "--report", "markdown=\(dir)/r.md",
      "--report", "text=\(dir)/r.txt",
    ])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(result.stdout, "", "with --output nothing goes to standard output")
    for name in ["r.json", "r.xml", "r.sarif", "r.md", "r.txt"] {
      let text = try String(contentsOfFile: "\(dir)/\(name)", encoding: .utf8)
      XCTAssertTrue(text.contains("trailing-comma"), name)
    }
  }

  func testTextReportHasNoColourWhenPiped() throws {
    let result = try RenkeiProcess.run(["validate", RenkeiProcess.fixture("tree")])
    XCTAssertEqual(result.status, 1)
    XCTAssertFalse(result.stdout.contains("\u{1B}["), "no ANSI escapes when stdout is not a terminal")
    XCTAssertTrue(result.stdout.contains("trailing-comma.json:1:6"))
  }
}
