import RenkeiCore
import RenkeiHTTP

/// What the mock context source answers to one kind of request, as a case scripts it
/// (`mock: {respond: [...]}`): the method (any when absent) and the path below `{{mockURL}}`
/// select the request; status, headers, body and an optional delay make the answer.
public struct MockAnswer: Sendable {
  public var method: String?
  public var path: String
  public var status: Int
  public var headers: [(String, String)]
  public var body: [UInt8]
  public var delay: Duration?

  public init(
    method: String? = nil, path: String, status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [],
    delay: Duration? = nil
  ) {
    self.method = method
    self.path = path
    self.status = status
    self.headers = headers
    self.body = body
    self.delay = delay
  }

  struct DefinitionError: Error, CustomStringConvertible {
    var description: String
  }

  /// One `respond` entry with its variables expanded. `body` is sent as compact JSON (with
  /// `Content-Type: application/json` unless the entry sets one), `bodyText` byte for byte.
  init(_ tree: JSONTree) throws {
    guard let path = tree["path"]?.scalarText else { throw DefinitionError(description: "mock answer without path") }
    self.path = path
    method = tree["method"].map { $0.scalarText.uppercased() }
    guard let status = Int(tree["status"]?.scalarText ?? "200") else {
      throw DefinitionError(description: "mock answer status is not a number")
    }
    self.status = status
    headers = (tree["headers"]?.members ?? []).map { ($0.key, $0.value.scalarText) }
    if let json = tree["body"] {
      body = json.bytes()
      if !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
        headers.append(("Content-Type", "application/json"))
      }
    } else {
      body = Array((tree["bodyText"]?.scalarText ?? "").utf8)
    }
    delay = try tree["delay"].map { text in
      guard let duration = CaseRunner.duration(text.scalarText) else {
        throw DefinitionError(description: "mock answer delay is not a duration")
      }
      return duration
    }
  }

  func matches(_ request: HTTPRequestMessage, path: String) -> Bool {
    (method == nil || method == request.method) && self.path == path
  }

  var response: HTTPResponseMessage {
    HTTPResponseMessage(status: status, headers: HTTPHeaderFields(headers), body: body)
  }
}
