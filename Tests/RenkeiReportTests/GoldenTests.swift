import RenkeiCore
import RenkeiReport
import XCTest

/// Each reporter's complete output for `Sample.report`, pinned byte for byte. See `Golden` for
/// how to regenerate the files after an intended change.
final class GoldenTests: XCTestCase {
  func testText() throws {
    try Golden.assertMatches(TextReporter(colour: false).render(Sample.report), "sample.txt")
  }

  func testTextInColour() throws {
    try Golden.assertMatches(TextReporter(colour: true).render(Sample.report), "sample-colour.txt")
  }

  func testJSON() throws {
    try Golden.assertMatches(JSONReporter().render(Sample.report), "sample.json")
  }

  func testJUnit() throws {
    try Golden.assertMatches(JUnitReporter().render(Sample.report), "sample.junit.xml")
  }

  func testSARIF() throws {
    try Golden.assertMatches(SARIFReporter().render(Sample.report), "sample.sarif.json")
  }

  func testMarkdown() throws {
    try Golden.assertMatches(MarkdownReporter().render(Sample.report), "sample.md")
  }

  /// Reporters are pure: rendering twice, or after reordering the findings within a file, gives
  /// the same bytes.
  func testOutputDoesNotDependOnFindingOrder() {
    var shuffled = Sample.report
    shuffled.subjects = shuffled.subjects.map { subject in
      var copy = subject
      copy.findings.reverse()
      return copy
    }
    for format in ReportFormat.allCases {
      let reporter = format.reporter()
      XCTAssertEqual(reporter.render(Sample.report), reporter.render(Sample.report), "\(format)")
      XCTAssertEqual(reporter.render(Sample.report), reporter.render(shuffled), "\(format)")
    }
  }
}
