import RenkeiConformance
import RenkeiCore
import RenkeiHTTP
import XCTest

/// A fixed run with every verdict, so each reporter's output can be pinned byte for byte.
enum ReportFixture {
  static func testCase(_ id: String, area: String, clauses: [String], etsi: String?) -> TestCase {
    TestCase(
      id: id, title: "Case \(id) <&>", clauses: clauses, etsi: etsi, tags: ["t"], file: "area/file.yaml", area: area,
      request: .object([]))
  }

  static var report: ConformanceReport {
    let request = HTTPRequestMessage(
      method: "POST", target: "http://127.0.0.1:1026/ngsi-ld/v1/entities",
      headers: HTTPHeaderFields([("Content-Type", "application/json")]),
      body: Array(#"{"id":"urn:ngsi-ld:Building:1","type":"Building"}"#.utf8))
    let response = HTTPResponseMessage(
      status: 400, headers: HTTPHeaderFields([("Content-Type", "application/json")]),
      text: #"{"type":"https://uri.etsi.org/ngsi-ld/errors/BadRequestData","title":"bad"}"#)
    let areaA = "ContextInformation/Provision/Entities/CreateEntity"
    let areaB = "CommonBehaviours/CommonResponses/VerifyGETWithoutAccept"
    return ConformanceReport(
      profile: "ngsi-ld", title: "NGSI-LD API", spec: "ETSI GS CIM 009 V1.8.1", specVersion: "1.8.1",
      target: "http://127.0.0.1:1026", features: ["notifications"], generatedAt: "2026-01-01T00:00:00Z",
      milliseconds: 1234, jobs: 4,
      results: [
        CaseResult(
          testCase: testCase("create-ok", area: areaA, clauses: ["5.6.1"], etsi: "TP/NGSI-LD/\(areaA)/001_01_01"),
          verdict: .passed, milliseconds: 12),
        CaseResult(
          testCase: testCase(
            "create-fails", area: areaA, clauses: ["5.6.1", "6.3.5"], etsi: "TP/NGSI-LD/\(areaA)/001_01_02"),
          verdict: .failed([CheckFailure(check: "status", expected: "201", actual: "400 | `x` *y*")]),
          exchanges: [Exchange(step: "request", request: request, response: response, milliseconds: 3)], milliseconds: 7
        ),
        CaseResult(
          testCase: testCase("get-errors", area: areaB, clauses: ["6.3.4"], etsi: "TP/NGSI-LD/\(areaB)/045_01_01"),
          verdict: .error("timeout: no complete answer within the deadline"),
          exchanges: [Exchange(step: "request", request: request, response: nil, error: "timeout: no answer")],
          milliseconds: 300),
        CaseResult(
          testCase: testCase("temporal", area: areaB, clauses: ["6.3.4"], etsi: nil),
          verdict: .skipped("needs feature temporal")),
        CaseResult(
          testCase: testCase("old", area: areaA, clauses: ["5.6.1"], etsi: nil), verdict: .notApplicable("since 1.9.1")),
        CaseResult(
          testCase: testCase("late", area: areaA, clauses: [], etsi: nil), verdict: .notRun("the run deadline passed")),
      ])
  }
}

final class ReporterTests: XCTestCase {
  func testText() throws {
    try Golden.assertMatches(ConformanceTextReporter().render(ReportFixture.report), "report.txt")
  }
  func testJSON() throws {
    try Golden.assertMatches(ConformanceJSONReporter().render(ReportFixture.report), "report.json")
  }
  func testJUnit() throws {
    try Golden.assertMatches(ConformanceJUnitReporter().render(ReportFixture.report), "report.junit.xml")
  }
  func testMarkdown() throws {
    try Golden.assertMatches(ConformanceMarkdownReporter().render(ReportFixture.report), "report.md")
  }
  func testHTML() throws {
    try Golden.assertMatches(ConformanceHTMLReporter().render(ReportFixture.report), "report.html")
  }

  func testJSONReportParsesAndCounts() throws {
    let tree = try JSONTree.parse(ConformanceJSONReporter().render(ReportFixture.report))
    XCTAssertEqual(tree["summary"]?["failed"], .number("1"))
    XCTAssertEqual(tree["summary"]?["notRun"], .number("1"))
    XCTAssertEqual(tree["cases"]?.array?.count, 6)
  }

  func testHTMLIsSelfContained() {
    let html = ConformanceHTMLReporter().render(ReportFixture.report)
    XCTAssertTrue(html.contains("<svg"))
    XCTAssertFalse(html.contains("<script"))
    XCTAssertFalse(html.contains("src=\"http"))
    XCTAssertFalse(html.contains("<&>"), "titles are escaped")
  }

  func testMarkdownPutsFailuresFirst() {
    let markdown = ConformanceMarkdownReporter().render(ReportFixture.report)
    let failures = markdown.range(of: "## Failures and errors")!.lowerBound
    let all = markdown.range(of: "## All cases")!.lowerBound
    XCTAssertLessThan(failures, all)
    XCTAssertTrue(markdown.contains("curl -i -X POST"))
  }
}
