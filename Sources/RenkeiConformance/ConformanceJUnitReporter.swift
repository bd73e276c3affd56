import RenkeiCore
import RenkeiReport

/// JUnit XML for CI servers: one testsuite per area, one testcase per case with its clauses and
/// ETSI test purpose as properties. Not run counts as an error, skipped and not applicable as skipped.
public struct ConformanceJUnitReporter: Sendable {
  public init() {}

  public func render(_ report: ConformanceReport) -> String {
    let counts = report.counts()
    let failures = counts["failed"] ?? 0
    let errors = (counts["error"] ?? 0) + (counts["notRun"] ?? 0)
    let skipped = (counts["skipped"] ?? 0) + (counts["notApplicable"] ?? 0)
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"\(attr("renkei test " + report.profile))\" tests=\"\(report.results.count)\""
    out +=
      " failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(seconds(report.milliseconds))\">\n"
    for (area, results) in report.byArea {
      let c = report.counts(results)
      out += "  <testsuite name=\"\(attr(area))\" tests=\"\(results.count)\" failures=\"\(c["failed"] ?? 0)\""
      out +=
        " errors=\"\((c["error"] ?? 0) + (c["notRun"] ?? 0))\" skipped=\"\((c["skipped"] ?? 0) + (c["notApplicable"] ?? 0))\""
      out += " time=\"\(seconds(results.reduce(0) { $0 + $1.milliseconds }))\">\n"
      for result in results { out += testcase(result, area: area) }
      out += "  </testsuite>\n"
    }
    out += "</testsuites>\n"
    return out
  }

  private func testcase(_ result: CaseResult, area: String) -> String {
    let testCase = result.testCase
    var out =
      "    <testcase name=\"\(attr(testCase.id))\" classname=\"\(attr(testCase.area.isEmpty ? area : testCase.area))\""
    out += " time=\"\(seconds(result.milliseconds))\">\n"
    out += "      <properties>\n"
    out += "        <property name=\"title\" value=\"\(attr(testCase.title))\"/>\n"
    for clause in testCase.clauses { out += "        <property name=\"clause\" value=\"\(attr(clause))\"/>\n" }
    if let etsi = testCase.etsi { out += "        <property name=\"etsi\" value=\"\(attr(etsi))\"/>\n" }
    out += "      </properties>\n"
    switch result.verdict {
    case .passed: break
    case .failed(let failures):
      let first = failures.first
      out +=
        "      <failure message=\"\(attr(first.map { "\($0.check): expected \($0.expected)" } ?? "failed"))\" type=\"\(attr(first?.check ?? ""))\">"
      var body = failures.map { "\($0.check)\n  expected: \($0.expected)\n  actual: \($0.actual)" }.joined(
        separator: "\n")
      if let exchange = ExchangeText.focus(result) {
        body += "\n\n" + ExchangeText.request(exchange.request) + "\n\n" + ExchangeText.response(exchange)
        body += "\n\n" + CurlCommand.render(exchange.request)
      }
      out += XMLEscaping.text(body) + "</failure>\n"
    case .error(let reason), .notRun(let reason):
      out += "      <error message=\"\(attr(reason))\" type=\"\(result.verdict.name)\"/>\n"
    case .skipped(let reason), .notApplicable(let reason):
      out += "      <skipped message=\"\(attr(reason))\"/>\n"
    }
    out += "    </testcase>\n"
    return out
  }

  private func attr(_ text: String) -> String { XMLEscaping.attribute(text) }

  private func seconds(_ milliseconds: Int) -> String {
    let whole = milliseconds / 1000
    let rest = milliseconds % 1000
    return "\(whole)." + String(rest).leftPadded(3)
  }
}
