import RenkeiCore
import XCTest

@testable import RenkeiReport

final class MarkdownReporterTests: XCTestCase {
  /// Cells are split at `|` not preceded by a backslash; every table row must have exactly the
  /// header's number of cells, whatever the messages hold.
  func testEveryTableRowKeepsItsColumns() {
    let markdown = MarkdownReporter().render(Sample.report)
    var rows = 0
    for line in markdown.split(separator: "\n") where line.hasPrefix("|") {
      var pipes = 0
      var escaped = false
      for character in line {
        if character == "|" && !escaped { pipes += 1 }
        escaped = character == "\\" && !escaped
      }
      XCTAssertEqual(pipes, 7, "six cells expected in: \(line)")
      rows += 1
    }
    // Summary: header, rule, 5 files; 4 sections of header, rule and their findings.
    XCTAssertEqual(rows, 2 + 5 + 4 * 2 + Sample.report.findings.count)
  }

  func testErrorsComeFirstWithinAFile() throws {
    let markdown = MarkdownReporter().render(Sample.report)
    let section = try XCTUnwrap(markdown.components(separatedBy: "## `data/施設一覧.csv`").last)
    let severities = section.split(separator: "\n").filter {
      $0.hasPrefix("| ") && !$0.hasPrefix("| Severity") && !$0.hasPrefix("| ---")
    }
    .prefix(3).map { $0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces) }
    XCTAssertEqual(severities, ["❌ error", "❌ error", "⚠️ warning"])
  }

  func testCellEscaping() {
    XCTAssertEqual(MarkdownEscaping.cell("a|b\nc"), "a\\|b<br>c")
    XCTAssertEqual(
      MarkdownEscaping.cell("<b>*x*</b> & [l](u) _y_ ~z~ `c` \\"),
      "\\<b\\>\\*x\\*\\</b\\> \\& \\[l\\](u) \\_y\\_ \\~z\\~ \\`c\\` \\\\")
    XCTAssertEqual(MarkdownEscaping.cell("# not a heading"), "\\# not a heading")
    XCTAssertEqual(MarkdownEscaping.cell("a\u{1B}b"), "a␛b")
    XCTAssertEqual(MarkdownEscaping.inline("one\ntwo"), "one\\\ntwo")
  }

  func testCodeSpans() {
    XCTAssertEqual(MarkdownEscaping.code("/a/b", inTable: true), "`/a/b`")
    XCTAssertEqual(MarkdownEscaping.code("a|b", inTable: true), "`a\\|b`")
    XCTAssertEqual(MarkdownEscaping.code("a|b", inTable: false), "`a|b`")
    XCTAssertEqual(MarkdownEscaping.code("a`b", inTable: false), "``a`b``")
    XCTAssertEqual(MarkdownEscaping.code("`x``", inTable: false), "``` `x`` ```")
    XCTAssertEqual(MarkdownEscaping.code("a\nb", inTable: false), "`a b`")
  }

  func testLinkDestinations() {
    XCTAssertEqual(
      MarkdownEscaping.destination("https://example.org/a b?x=(1)|<2>"),
      "<https://example.org/a%20b?x=(1)%7C%3C2%3E>")
  }

  func testHeadlines() {
    let passing = Report(command: "validate", toolVersion: "0.1.0", subjects: [Sample.clean, Sample.stream])
    XCTAssertTrue(MarkdownReporter().render(passing).contains("✅ **Passed**: 2 files (0 errors, 1 warning).\n"))
    let failing = MarkdownReporter().render(Sample.report)
    XCTAssertTrue(failing.contains("❌ **Failed**: 3 of 5 files failed (4 errors, 3 warnings, 1 info).\n"))
    // A clean file is in the summary table but gets no section.
    XCTAssertTrue(failing.contains("| `data/ok.yaml` | yaml | 2 | 0 | 0 | ✅ |"))
    XCTAssertFalse(failing.contains("## `data/ok.yaml`"))
  }

  func testEmptyReport() {
    XCTAssertEqual(
      MarkdownReporter().render(Report(command: "validate", toolVersion: "0.1.0", subjects: [])),
      """
      # renkei report

      ✅ **Passed**: 0 files (0 errors, 0 warnings).

      Command: `validate` · renkei 0.1.0

      No files were checked.

      """)
  }
}
