import Foundation
import RenkeiCore
import RenkeiHTTP

/// One NGSI v2 request as the broker reads it: path segments below `/v2`, decoded query
/// parameters, tenant (`Fiware-Service`, "Multi tenancy") and service path header ("Service path").
struct NGSIv2Request: Sendable {
  var method: String
  var segments: [String]
  var parameters: [(name: String, value: String)]
  var headers: HTTPHeaderFields
  var body: [UInt8]
  var service: String
  /// Entities context providers answered for this query (see `forward`), merged into what it sees.
  var provided: [NGSIv2Entity] = []

  /// Query parameters whose values may use the forbidden characters ("General syntax restrictions").
  static let unrestrictedParameters: Set<String> = ["q", "mq", "georel", "coords"]

  init(_ message: HTTPRequestMessage) throws(NGSIv2Error) {
    method = message.method
    headers = message.headers
    body = message.body
    var path = message.path
    guard path == "/v2" || path.hasPrefix("/v2/") else { throw .notFound("No such resource: \(path)") }
    path.removeFirst(3)
    var decoded: [String] = []
    for piece in path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
      guard let text = String(piece).removingPercentEncoding else {
        throw .badRequest("invalid percent-encoding in the path")
      }
      decoded.append(text)
    }
    if decoded.last == "" { decoded.removeLast() }
    segments = decoded
    parameters = []
    for pair in message.query.split(separator: "&") where !pair.isEmpty {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding,
        let value = (parts.count > 1 ? String(parts[1]) : "").removingPercentEncoding
      else { throw .badRequest("invalid percent-encoding in the query") }
      if !Self.unrestrictedParameters.contains(name) && NGSIv2Syntax.hasForbidden(value) {
        throw .badRequest("invalid character in URI parameter \(name)")
      }
      parameters.append((name, value))
    }
    // Tenants are read in lowercase; alphanumeric and underscore, at most 50 characters.
    let tenant = (message.headers["Fiware-Service"] ?? "").trimmingCharacters(in: .whitespaces)
    guard tenant.count <= 50,
      tenant.unicodeScalars.allSatisfy({ $0.isASCII && ($0 == "_" || CharacterSet.alphanumerics.contains($0)) })
    else { throw .badRequest("bad character in tenant name") }
    service = tenant.lowercased()
  }

  func parameter(_ name: String) -> String? { parameters.first { $0.name == name }?.value }

  /// A comma-separated parameter as a list (nil when absent).
  func list(_ name: String) -> [String]? {
    guard let value = parameter(name) else { return nil }
    return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// `options`, each checked against what the operation accepts.
  func options(allowed: Set<String>) throws(NGSIv2Error) -> Set<String> {
    let options = Set(list("options") ?? [])
    for option in options where !allowed.contains(option) {
      throw .badRequest("Invalid value for URI param /options/: \(option)")
    }
    return options
  }

  /// The service path of an entity being created or updated: one absolute path, "/" by default.
  func servicePathForUpdate() throws(NGSIv2Error) -> String {
    guard let header = headers["Fiware-ServicePath"]?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
      return "/"
    }
    if header.contains(",") { throw .badRequest("Only one service path allowed for updates") }
    let path = try Self.checkServicePath(header, allowHash: false)
    return path
  }

  /// The service path scopes of a query: up to 10 comma-separated paths, `/#` by default.
  func servicePathsForQuery() throws(NGSIv2Error) -> [String] {
    guard let header = headers["Fiware-ServicePath"]?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
      return ["/#"]
    }
    let items = header.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    if items.count > 10 { throw .badRequest("too many service paths - a maximum of ten service paths is allowed") }
    var out: [String] = []
    for item in items { out.append(try Self.checkServicePath(item, allowHash: true)) }
    return out
  }

  /// "Service path": absolute, at most 10 levels of 1 to 50 alphanumeric or `_` characters,
  /// trailing slash dropped; queries may end in `/#`.
  static func checkServicePath(_ text: String, allowHash: Bool) throws(NGSIv2Error) -> String {
    guard text.hasPrefix("/") else {
      throw .badRequest("Only /absolute/ Service Paths allowed [a service path must begin with /]")
    }
    var levels = text.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
    if levels.last == "" { levels.removeLast() }
    var hash = false
    if levels.last == "#" {
      guard allowHash else { throw .badRequest("a service path with # is not allowed in updates") }
      hash = true
      levels.removeLast()
    }
    if levels.count > 10 { throw .badRequest("too many components in ServicePath") }
    for level in levels {
      guard !level.isEmpty, level.count <= 50 else {
        throw .badRequest("component-name too long or empty in ServicePath")
      }
      guard level.unicodeScalars.allSatisfy({ $0.isASCII && ($0 == "_" || CharacterSet.alphanumerics.contains($0)) })
      else { throw .badRequest("a component of ServicePath contains an illegal character") }
    }
    let path = "/" + levels.joined(separator: "/")
    return hash ? (path == "/" ? "/#" : path + "/#") : path
  }

  /// Whether an entity's service path is in one of the query scopes.
  static func servicePath(_ path: String, matches scopes: [String]) -> Bool {
    scopes.contains { scope in
      if scope == "/#" { return true }
      if scope.hasSuffix("/#") {
        let base = String(scope.dropLast(2))
        return path == base || path.hasPrefix(base + "/")
      }
      return path == scope
    }
  }

  /// The media type of the body: application/json (or text/plain where allowed); 415 otherwise.
  func contentType(allowText: Bool = false) throws(NGSIv2Error) -> String {
    guard let header = headers["Content-Type"] else {
      throw NGSIv2Error(
        415, "UnsupportedMediaType", "Content-Type header not used, default application/octet-stream is not supported")
    }
    let type = header.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    if type == "application/json" || (allowText && type == "text/plain") { return type }
    throw NGSIv2Error(415, "UnsupportedMediaType", "not supported content type: \(header)")
  }

  /// Orion answers 411 to a POST, PUT or PATCH without a payload ("Error Responses").
  func checkLength() throws(NGSIv2Error) {
    if body.isEmpty {
      throw NGSIv2Error(411, "ContentLengthRequired", "Zero/No Content-Length in PUT/POST/PATCH request")
    }
  }

  /// The JSON payload: 411 when empty, 415 when not JSON, ParseError when not parseable.
  func json() throws(NGSIv2Error) -> JSONTree {
    try checkLength()
    _ = try contentType()
    do {
      return try JSONTree.parse(body, maxDepth: 64)
    } catch {
      throw .parseError("Errors found in incoming JSON buffer")
    }
  }

  /// The answer's media type must be JSON ("MIME Types"): 406 otherwise.
  func checkAcceptsJSON() throws(NGSIv2Error) {
    guard let accept = headers["Accept"]?.lowercased(), !accept.trimmingCharacters(in: .whitespaces).isEmpty else {
      return
    }
    let types = accept.split(separator: ",").map {
      ($0.split(separator: ";").first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
    }
    if types.contains(where: { ["application/json", "*/*", "application/*"].contains($0) }) { return }
    throw NGSIv2Error(406, "NotAcceptable", "accepted MIME types: application/json")
  }
}
