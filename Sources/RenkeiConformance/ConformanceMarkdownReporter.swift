import RenkeiCore
import RenkeiReport

/// Markdown for pull requests and issues: the summary, every problem case first with its request,
/// response and curl command, then one table row per case grouped by area.
public struct ConformanceMarkdownReporter: Sendable {
  public init() {}

  public func render(_ report: ConformanceReport) -> String {
    let counts = report.counts()
    var out = "# Conformance: \(MarkdownEscaping.inline(report.title))\n\n"
    out += "\(MarkdownEscaping.inline(report.spec)) · target \(MarkdownEscaping.code(report.target, inTable: false))"
    out += " · \(report.generatedAt)\n\n"
    out += "| " + ConformanceReport.verdictOrder.joined(separator: " | ") + " | total |\n"
    out += "|" + String(repeating: "---:|", count: ConformanceReport.verdictOrder.count + 1) + "\n"
    out += "| " + ConformanceReport.verdictOrder.map { String(counts[$0] ?? 0) }.joined(separator: " | ")
    out += " | \(report.results.count) |\n\n"

    let problems = report.results.filter { $0.verdict.isProblem }
    if !problems.isEmpty {
      out += "## Failures and errors\n\n"
      for result in problems {
        let testCase = result.testCase
        out += "### \(result.verdict.name): \(MarkdownEscaping.inline(testCase.id))\n\n"
        out += MarkdownEscaping.inline(testCase.title)
        if !testCase.clauses.isEmpty {
          out += " · clause " + testCase.clauses.map { MarkdownEscaping.inline($0) }.joined(separator: ", ")
        }
        if let etsi = testCase.etsi { out += " · " + MarkdownEscaping.code(etsi, inTable: false) }
        out += "\n\n"
        switch result.verdict {
        case .failed(let failures):
          for failure in failures {
            out += "- \(MarkdownEscaping.code(failure.check, inTable: false)): expected "
            out += MarkdownEscaping.code(failure.expected.isEmpty ? " " : failure.expected, inTable: false)
            out +=
              ", got " + MarkdownEscaping.code(failure.actual.isEmpty ? " " : failure.actual, inTable: false) + "\n"
          }
          out += "\n"
        default:
          out += MarkdownEscaping.inline(result.verdict.reason) + "\n\n"
        }
        if let exchange = ExchangeText.focus(result) {
          out +=
            "Request (\(MarkdownEscaping.inline(exchange.step))):\n\n"
            + fence(ExchangeText.request(exchange.request), "http")
          out += "Response:\n\n" + fence(ExchangeText.response(exchange), "http")
          out += "Reproduce:\n\n" + fence(CurlCommand.render(exchange.request), "sh")
        }
      }
    }

    out += "## All cases\n\n"
    for (area, results) in report.byArea {
      out += "### \(MarkdownEscaping.inline(area))\n\n| case | verdict | clauses | ETSI |\n|---|---|---|---|\n"
      for result in results {
        let testCase = result.testCase
        out += "| \(MarkdownEscaping.cell(testCase.id)) | \(result.verdict.name) | "
        out += MarkdownEscaping.cell(testCase.clauses.joined(separator: ", ")) + " | "
        out += MarkdownEscaping.cell(testCase.etsi.map { String($0.split(separator: "/").last ?? "") } ?? "") + " |\n"
      }
      out += "\n"
    }
    return out
  }

  /// A fenced code block with a fence longer than any backtick run inside.
  private func fence(_ text: String, _ language: String) -> String {
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let marks = String(repeating: "`", count: max(3, longest + 1))
    return "\(marks)\(language)\n\(text)\n\(marks)\n\n"
  }
}
