import RenkeiCore
import XCTest

@testable import RenkeiReport

final class TextReporterTests: XCTestCase {
  func testColourDecision() {
    let cases: [(terminal: Bool, environment: [String: String], expected: Bool, why: String)] = [
      (true, [:], true, "a terminal gets colour"),
      (false, [:], false, "a pipe or file does not"),
      (true, ["NO_COLOR": "1"], false, "NO_COLOR disables"),
      (true, ["NO_COLOR": "0"], false, "any non-empty NO_COLOR disables, even 0"),
      (true, ["NO_COLOR": ""], true, "an empty NO_COLOR is ignored"),
      (false, ["FORCE_COLOR": "1"], true, "FORCE_COLOR enables without a terminal"),
      (false, ["FORCE_COLOR": "true"], true, "FORCE_COLOR=true enables"),
      (true, ["FORCE_COLOR": "0"], false, "FORCE_COLOR=0 disables"),
      (true, ["FORCE_COLOR": "false"], false, "FORCE_COLOR=false disables"),
      (false, ["FORCE_COLOR": ""], false, "an empty FORCE_COLOR is ignored"),
      (true, ["NO_COLOR": "1", "FORCE_COLOR": "1"], false, "NO_COLOR wins over FORCE_COLOR"),
      (true, ["TERM": "dumb"], false, "a dumb terminal gets none"),
      (true, ["TERM": "dumb", "FORCE_COLOR": "1"], true, "FORCE_COLOR wins over TERM=dumb"),
    ]
    for c in cases {
      XCTAssertEqual(
        TextReporter.shouldUseColour(isTerminal: c.terminal, environment: c.environment), c.expected, c.why)
    }
  }

  func testColourOnlyWhenAsked() {
    let plain = TextReporter(colour: false).render(Sample.report)
    XCTAssertFalse(plain.contains("\u{1B}"), "no escape sequences without colour")
    let coloured = TextReporter(colour: true).render(Sample.report)
    XCTAssertTrue(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"))
    XCTAssertTrue(coloured.contains("\u{1B}[1;33mwarning:\u{1B}[0m"))
    XCTAssertTrue(coloured.contains("\u{1B}[1;36minfo:\u{1B}[0m"))
    // Removing the SGR sequences gives the plain text back.
    let stripped = coloured.replacing(/\u{1B}\[[0-9;]*m/, with: "")
    XCTAssertEqual(stripped, plain)
  }

  func testCompilerStyleHeaderAndDetails() {
    let finding = Finding(
      ruleID: "demo-rule", severity: .error, message: "Broken.", fixHint: "Mend it.\nCarefully.",
      location: SourceLocation(
        file: "a.jsonl", line: 4, column: 2, pointer: "/a~1b", document: 3, row: 7, field: "名前"),
      spec: .rfc8259("4"))
    XCTAssertEqual(
      TextReporter().text(for: finding),
      """
      a.jsonl:4:2: error: Broken. [demo-rule]
        at: document 3, row 7, field "名前", pointer /a~1b
        fix: Mend it.
          Carefully.
        see: RFC 8259 §4 <https://www.rfc-editor.org/rfc/rfc8259#section-4>

      """)
  }

  func testControlCharactersCannotReachTheTerminal() {
    let hostile = "a\u{1B}[2Jb\rc\u{7}d\u{9B}31me\u{7F}f\tg"
    let report = Report(
      command: "validate", toolVersion: "0",
      subjects: [
        Report.Subject(
          path: "evil\u{1B}]0;title\u{7}.json", format: "json", itemCount: 1,
          findings: [
            Finding(ruleID: "r", severity: .error, message: hostile, location: SourceLocation(line: 1))
          ])
      ])
    let text = TextReporter(colour: false).render(report)
    for scalar in text.unicodeScalars {
      XCTAssertFalse(
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value),
        "raw control U+\(String(scalar.value, radix: 16)) in text output")
    }
    XCTAssertTrue(text.contains("a␛[2Jb␍c␇d\u{FFFD}31me␡f\tg"))
    XCTAssertTrue(text.contains("evil␛]0;title␇.json:1: error:"))
  }

  func testSummaryLines() {
    let text = TextReporter().render(Sample.report)
    XCTAssertTrue(text.contains("\ndata/ok.yaml (yaml, 2 items): passed\n"))
    XCTAssertTrue(text.contains("\ndata/shops.json (json, 1 item): failed, 1 error, 1 warning, 1 info\n"))
    XCTAssertTrue(text.hasSuffix("\n5 files, 4 errors, 3 warnings, 1 info: 3 of 5 files failed\n"))
  }

  func testWarningsAlonePass() {
    let report = Report(command: "validate", toolVersion: "0", subjects: [Sample.stream])
    XCTAssertTrue(TextReporter().render(report).hasSuffix("\n1 file, 0 errors, 1 warning: passed\n"))
  }

  func testEmptyReport() {
    let report = Report(command: "validate", toolVersion: "0", subjects: [])
    XCTAssertEqual(TextReporter().render(report), "0 files, 0 errors, 0 warnings: passed\n")
  }
}
