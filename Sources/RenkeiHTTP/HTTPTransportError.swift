/// A request that got no usable HTTP answer. Conformance verdicts keep these apart from failures:
/// a platform that is down or hangs is an error, not a wrong answer.
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    /// No answer within the deadline.
    case timeout
    /// The connection could not be opened (refused, unreachable, name not resolved).
    case connectionFailed = "connection-failed"
    /// Bytes arrived that are not an HTTP response, or the connection closed mid-response.
    case malformedResponse = "malformed-response"
    /// The response body is larger than the configured limit.
    case bodyTooLarge = "body-too-large"
    /// The URL cannot be requested.
    case invalidURL = "invalid-url"
    case other
  }

  public var kind: Kind
  public var detail: String

  public init(_ kind: Kind, _ detail: String) {
    self.kind = kind
    self.detail = detail
  }

  public var description: String { "\(kind.rawValue): \(detail)" }
}
