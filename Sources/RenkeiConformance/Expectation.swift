import RenkeiCore
import RenkeiHTTP

/// One check of an answer. Each kind lives in its own file; `ExpectationSet` builds them from a
/// case's `expect`. `mutations` name the ways to break the answer this check must notice: the
/// self-check applies each and reports the case as vacuous when the check stays silent.
public protocol Expectation: Sendable {
  /// Stable id, e.g. `status` or `header:Location:equals`.
  var id: String { get }
  /// A failure, or nil when the answer satisfies the check.
  func check(_ response: ObservedResponse) -> CheckFailure?
  /// Changes to `response` (which satisfies the check) that the check must notice.
  func mutations(of response: ObservedResponse) -> [ResponseMutation]
}

/// An answer with its body parsed once.
public struct ObservedResponse: Sendable {
  public var message: HTTPResponseMessage
  public var json: JSONTree?

  public init(_ message: HTTPResponseMessage) {
    self.message = message
    self.json = message.body.isEmpty ? nil : JSONTree.parsed(message.body)
  }

  public var status: Int { message.status }
  public var headers: HTTPHeaderFields { message.headers }

  /// The body for messages: JSON compactly, other text up to 300 characters.
  public var bodySummary: String {
    if message.body.isEmpty { return "(empty body)" }
    if let json { return Self.clip(json.text()) }
    return Self.clip(message.bodyText)
  }

  static func clip(_ text: String, _ limit: Int = 300) -> String {
    text.count <= limit ? text : String(text.prefix(limit)) + "…"
  }
}
