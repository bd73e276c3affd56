import RenkeiCore

/// Plain text for terminals and logs: one line per problem case with its reason, then the summary.
public struct ConformanceTextReporter: Sendable {
  public init() {}

  public func render(_ report: ConformanceReport) -> String {
    var out = "renkei test: \(report.title) (\(report.spec)) against \(report.target)\n"
    for result in report.results where result.verdict.isProblem {
      let etsi = result.testCase.etsi.map { " [\($0)]" } ?? ""
      out += "\(result.verdict.name.uppercased()) \(result.testCase.id)\(etsi)\n"
      switch result.verdict {
      case .failed(let failures):
        for failure in failures {
          out += "  \(failure.check): expected \(failure.expected)\n    got \(failure.actual)\n"
        }
        if let exchange = ExchangeText.focus(result) { out += "  reproduce: \(CurlCommand.render(exchange.request))\n" }
      default:
        out += "  \(result.verdict.reason)\n"
      }
    }
    let counts = report.counts()
    let summary = ConformanceReport.verdictOrder.compactMap { name -> String? in
      let count = counts[name] ?? 0
      return count == 0 && name != "passed" && name != "failed" ? nil : "\(count) \(name)"
    }
    let ran = report.results.filter { $0.milliseconds > 0 }.count
    let seconds = Double(report.milliseconds) / 1000
    let per = ran == 0 ? 0 : Double(report.milliseconds) / Double(ran)
    out += "\(report.results.count) cases: \(summary.joined(separator: ", ")) in \(Self.format(seconds)) s"
    out += " (\(Self.format(per)) ms per case, \(report.jobs) jobs)\n"
    return out
  }

  static func format(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return String(rounded)
  }
}
