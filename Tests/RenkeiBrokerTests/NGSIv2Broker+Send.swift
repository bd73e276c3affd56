import RenkeiCore
import RenkeiHTTP

@testable import RenkeiBroker

extension NGSIv2Broker {
  /// Hands the broker one request directly (no HTTP server): a JSON body, if any, with its
  /// Content-Type and Content-Length; answers the status, headers and parsed body.
  func send(
    _ method: String, _ target: String, _ body: String? = nil, headers: [(String, String)] = []
  ) async -> (status: Int, headers: HTTPHeaderFields, body: JSONTree?) {
    var fields = HTTPHeaderFields()
    if let body {
      fields.add("Content-Type", "application/json")
      fields.add("Content-Length", String(body.utf8.count))
    }
    for (name, value) in headers { fields.set(name, value) }
    let response = await handle(
      HTTPRequestMessage(method: method, target: target, headers: fields, body: Array((body ?? "").utf8)))
    return (response.status, response.headers, try? JSONTree.parse(response.body))
  }
}
