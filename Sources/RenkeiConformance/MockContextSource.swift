import RenkeiCore
import RenkeiHTTP

/// A context source the platform can be pointed at (`{{mockURL}}` in registrations): it records
/// every request under the case's key and answers what the case scripted (`mock: {respond: ...}`),
/// else queries with an empty result and writes with 204. Registration and forwarding cases check
/// what the platform forwarded (`mockRequests:`).
public struct MockContextSource: Sendable {
  public let log: RequestLog
  public let answers: MockAnswerBook

  public init(log: RequestLog = RequestLog(), answers: MockAnswerBook = MockAnswerBook()) {
    self.log = log
    self.answers = answers
  }

  /// The path of a request below `/mock/<key>`: what `mockRequests` and scripted answers name.
  public static func subPath(_ request: HTTPRequestMessage, key: String) -> String {
    let prefix = "/mock/" + key
    let path = request.path
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }

  public func handle(_ request: HTTPRequestMessage, key: String) async -> HTTPResponseMessage {
    await log.record(request, key: key)
    let path = Self.subPath(request, key: key)
    if let scripted = await answers.answer(for: request, path: path, key: key) {
      if let delay = scripted.delay { try? await Task.sleep(for: delay) }
      return scripted.response
    }
    var headers = HTTPHeaderFields()
    if request.method == "GET" || path.hasSuffix("/entityOperations/query") || path.hasSuffix("/op/query") {
      headers.add("Content-Type", "application/json")
      return HTTPResponseMessage(status: 200, headers: headers, text: "[]")
    }
    return HTTPResponseMessage(status: 204)
  }
}
