import RenkeiCore

/// Versioned JSON: the summary and one object per case; problem cases carry their exchanges and a
/// curl command for each request.
public struct ConformanceJSONReporter: Sendable {
  public static let version = 1

  public init() {}

  public func render(_ report: ConformanceReport) -> String {
    let counts = report.counts()
    var summary: [(String, JSONTree)] = [("total", .number(String(report.results.count)))]
    for name in ConformanceReport.verdictOrder { summary.append((name, .number(String(counts[name] ?? 0)))) }
    let root = JSONTree.object([
      ("reportVersion", .number(String(Self.version))),
      ("tool", .string("renkei test")),
      ("profile", .string(report.profile)),
      ("title", .string(report.title)),
      ("spec", .string(report.spec)),
      ("specVersion", .string(report.specVersion)),
      ("target", .string(report.target)),
      ("features", .array(report.features.map(JSONTree.string))),
      ("generatedAt", .string(report.generatedAt)),
      ("durationMs", .number(String(report.milliseconds))),
      ("jobs", .number(String(report.jobs))),
      ("summary", .object(summary)),
      ("cases", .array(report.results.map(Self.caseObject))),
    ])
    return root.text(pretty: true) + "\n"
  }

  static func caseObject(_ result: CaseResult) -> JSONTree {
    let testCase = result.testCase
    var members: [(String, JSONTree)] = [
      ("id", .string(testCase.id)),
      ("title", .string(testCase.title)),
      ("verdict", .string(result.verdict.name)),
      ("area", .string(testCase.area.isEmpty ? testCase.reportArea : testCase.area)),
      ("file", .string(testCase.file)),
      ("clauses", .array(testCase.clauses.map(JSONTree.string))),
      ("tags", .array(testCase.tags.map(JSONTree.string))),
      ("durationMs", .number(String(result.milliseconds))),
    ]
    if let etsi = testCase.etsi { members.insert(("etsi", .string(etsi)), at: 2) }
    if let note = testCase.note { members.append(("note", .string(note))) }
    switch result.verdict {
    case .passed: break
    case .failed(let failures):
      members.append(
        (
          "failures",
          .array(
            failures.map {
              .object([
                ("check", .string($0.check)), ("expected", .string($0.expected)), ("actual", .string($0.actual)),
              ])
            })
        ))
    default:
      members.append(("reason", .string(result.verdict.reason)))
    }
    if result.verdict.isProblem && !result.exchanges.isEmpty {
      members.append(("exchanges", .array(result.exchanges.map(exchangeObject))))
    }
    return .object(members)
  }

  static func exchangeObject(_ exchange: Exchange) -> JSONTree {
    func headers(_ fields: [(name: String, value: String)]) -> JSONTree {
      .array(fields.map { .array([.string($0.name), .string($0.value)]) })
    }
    var members: [(String, JSONTree)] = [
      ("step", .string(exchange.step)),
      ("method", .string(exchange.request.method)),
      ("url", .string(exchange.request.target)),
      ("requestHeaders", headers(exchange.request.headers.fields)),
    ]
    if !exchange.request.body.isEmpty {
      members.append(("requestBody", .string(String(decoding: exchange.request.body, as: UTF8.self))))
    }
    if let response = exchange.response {
      members.append(("status", .number(String(response.status))))
      members.append(("responseHeaders", headers(response.headers.fields)))
      if !response.body.isEmpty { members.append(("responseBody", .string(ExchangeText.text(of: response.body)))) }
    }
    if let error = exchange.error { members.append(("error", .string(error))) }
    members.append(("curl", .string(CurlCommand.render(exchange.request))))
    return .object(members)
  }
}
