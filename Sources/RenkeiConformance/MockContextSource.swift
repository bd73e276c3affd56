import RenkeiCore
import RenkeiHTTP

/// A context source the platform can be pointed at (`{{mockURL}}` in registrations): it records
/// every request under the case's key and answers queries with an empty result, writes with 204.
/// Registration and distributed-operation cases check what the platform forwarded.
public struct MockContextSource: Sendable {
  public let log: RequestLog

  public init(log: RequestLog = RequestLog()) { self.log = log }

  public func handle(_ request: HTTPRequestMessage, key: String) async -> HTTPResponseMessage {
    await log.record(request, key: key)
    var headers = HTTPHeaderFields()
    if request.method == "GET" || request.path.hasSuffix("/entityOperations/query") {
      headers.add("Content-Type", "application/json")
      return HTTPResponseMessage(status: 200, headers: headers, text: "[]")
    }
    return HTTPResponseMessage(status: 204)
  }
}
