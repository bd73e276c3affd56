import RenkeiCore
import RenkeiHTTP

/// Requests and responses as HTTP-like text for reports. Bodies that are JSON are pretty-printed;
/// very long bodies are cut (the cut is said).
enum ExchangeText {
  static let bodyLimit = 4000

  static func request(_ request: HTTPRequestMessage) -> String {
    var lines = ["\(request.method) \(request.target)"]
    for (name, value) in request.headers { lines.append("\(name): \(value)") }
    let body = text(of: request.body)
    return lines.joined(separator: "\n") + (body.isEmpty ? "" : "\n\n" + body)
  }

  static func response(_ exchange: Exchange) -> String {
    guard let response = exchange.response else { return "(no response: \(exchange.error ?? "unknown"))" }
    var lines = ["HTTP \(response.status)"]
    for (name, value) in response.headers { lines.append("\(name): \(value)") }
    let body = text(of: response.body)
    return lines.joined(separator: "\n") + (body.isEmpty ? "" : "\n\n" + body)
  }

  static func text(of body: [UInt8]) -> String {
    guard !body.isEmpty else { return "" }
    let text = JSONTree.parsed(body)?.text(pretty: true) ?? String(decoding: body, as: UTF8.self)
    if text.count <= bodyLimit { return text }
    return String(text.prefix(bodyLimit)) + "\n… (\(text.count - bodyLimit) more characters)"
  }

  /// The exchange a failure report shows: the step the first failure names, else the last one sent.
  static func focus(_ result: CaseResult) -> Exchange? {
    let judged = result.exchanges.filter { !$0.step.hasPrefix("teardown") }
    if case .failed(let failures) = result.verdict, let check = failures.first?.check {
      let step = check.split(separator: ".").prefix(2).joined(separator: ".")
      if let hit = judged.last(where: { $0.step == step }) { return hit }
      return judged.last(where: { $0.step == "request" }) ?? judged.last
    }
    return judged.last
  }
}
