import RenkeiCore
import RenkeiReport
import XCTest

final class ReportFormatTests: XCTestCase {
  func testRawValuesSelectReportersWithTheSameIdentifier() {
    XCTAssertEqual(ReportFormat.allCases.map(\.rawValue), ["text", "json", "junit", "sarif", "markdown"])
    for format in ReportFormat.allCases {
      XCTAssertEqual(ReportFormat(rawValue: format.rawValue), format)
      XCTAssertEqual(type(of: format.reporter()).identifier, format.rawValue)
    }
    XCTAssertNil(ReportFormat(rawValue: "xml"))
    XCTAssertNil(ReportFormat(rawValue: "JSON"))
  }

  func testColourReachesOnlyTheTextReporter() {
    XCTAssertTrue(ReportFormat.text.reporter(colour: true).render(Sample.report).contains("\u{1B}["))
    for format in ReportFormat.allCases where format != .text {
      XCTAssertEqual(
        format.reporter(colour: true).render(Sample.report), format.reporter().render(Sample.report), "\(format)")
    }
  }

  func testRuleCatalogueReachesSARIF() {
    let rule = Rule(id: "xml-no-root", severity: .error, spec: nil, message: "The XML has no root element.")
    XCTAssertTrue(
      ReportFormat.sarif.reporter(rules: [rule]).render(Sample.report).contains("The XML has no root element."))
  }

  func testFileExtensions() {
    XCTAssertEqual(ReportFormat.allCases.map(\.fileExtension), ["txt", "json", "xml", "sarif", "md"])
  }

  func testEveryOutputEndsWithOneNewline() {
    for format in ReportFormat.allCases {
      let text = format.reporter().render(Sample.report)
      XCTAssertTrue(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), "\(format)")
    }
  }
}
