import RenkeiCore
import RenkeiHTTP

/// Keeps credentials out of every report and curl command: values of credential headers and query
/// parameters become `***`, and known secrets (`--token`, `--header` values of such headers) are
/// replaced wherever else they appear (a platform echoing a token in an error body, say).
public struct CredentialMasker: Sendable {
  public static let mask = "***"
  static let sensitiveNames = [
    "authorization", "cookie", "token", "secret", "password", "api-key", "apikey", "api_key",
  ]
  /// Exact secret values, longest first so a secret containing another is masked whole.
  public private(set) var secrets: [String]

  public init(secrets: [String] = []) {
    self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
  }

  public static func isSensitive(_ name: String) -> Bool {
    let lower = name.lowercased()
    return sensitiveNames.contains { lower.contains($0) }
  }

  public func headers(_ headers: HTTPHeaderFields) -> HTTPHeaderFields {
    var out = HTTPHeaderFields()
    for (name, value) in headers {
      out.add(name, Self.isSensitive(name) ? Self.mask : text(value))
    }
    return out
  }

  /// A URL or request target with sensitive query parameter values masked.
  public func url(_ url: String) -> String {
    guard let mark = url.firstIndex(of: "?") else { return text(url) }
    let query = url[url.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
      guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
      let name = pair[..<equals]
      return Self.isSensitive(String(name)) ? name + "=" + Self.mask : String(pair)
    }
    return text(String(url[..<mark]) + "?" + query.joined(separator: "&"))
  }

  public func text(_ text: String) -> String {
    var out = text
    for secret in secrets where out.contains(secret) { out = out.replacing(secret, with: Self.mask) }
    return out
  }

  public func request(_ request: HTTPRequestMessage) -> HTTPRequestMessage {
    HTTPRequestMessage(
      method: request.method, target: url(request.target), headers: headers(request.headers),
      body: Array(text(String(decoding: request.body, as: UTF8.self)).utf8))
  }

  public func response(_ response: HTTPResponseMessage) -> HTTPResponseMessage {
    HTTPResponseMessage(
      status: response.status, headers: headers(response.headers),
      body: Array(text(String(decoding: response.body, as: UTF8.self)).utf8))
  }
}
