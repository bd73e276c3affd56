/// An HTTP request as renkei sends it or as its servers receive it.
public struct HTTPRequestMessage: Sendable {
  public var method: String
  /// For a received request the request target (path and query); for a sent one the absolute URL.
  public var target: String
  public var headers: HTTPHeaderFields
  public var body: [UInt8]

  public init(method: String, target: String, headers: HTTPHeaderFields = HTTPHeaderFields(), body: [UInt8] = []) {
    self.method = method
    self.target = target
    self.headers = headers
    self.body = body
  }

  /// The path without the query.
  public var path: String {
    if let mark = target.firstIndex(of: "?") { return String(target[..<mark]) }
    return target
  }

  /// The raw query string after `?`, or "" when there is none.
  public var query: String {
    if let mark = target.firstIndex(of: "?") { return String(target[target.index(after: mark)...]) }
    return ""
  }
}
