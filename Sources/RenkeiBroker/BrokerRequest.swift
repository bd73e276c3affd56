import Foundation
import RenkeiCore
import RenkeiHTTP

/// What the broker needs to know about one HTTP request: decoded path segments and query
/// parameters, tenant, negotiated media type, the JSON body and the JSON-LD context in force.
struct BrokerRequest: Sendable {
  enum MediaType: String, Sendable {
    case json = "application/json"
    case jsonLD = "application/ld+json"
    case geoJSON = "application/geo+json"
  }

  var method: String
  var segments: [String]
  var rawQuery: String
  var parameters: [(name: String, value: String)]
  var headers: HTTPHeaderFields
  var tenant: String
  var rawBody: [UInt8]

  init(_ message: HTTPRequestMessage) throws(ProblemDetails) {
    method = message.method
    headers = message.headers
    rawBody = message.body
    rawQuery = message.query
    var path = message.path
    guard path.hasPrefix("/ngsi-ld/v1/") || path == "/ngsi-ld/v1" else {
      throw ProblemDetails.notFound("No such resource", detail: path)
    }
    path.removeFirst("/ngsi-ld/v1".count)
    let pieces = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
    var decoded: [String] = []
    for piece in pieces {
      guard let text = String(piece).removingPercentEncoding else {
        throw ProblemDetails.badRequest("Invalid percent-encoding in the path")
      }
      decoded.append(text)
    }
    // A trailing slash names the same collection.
    if decoded.last == "" && decoded.count > 1 { decoded.removeLast() }
    segments = decoded
    parameters = []
    for pair in message.query.split(separator: "&") where !pair.isEmpty {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = String(parts[0]).removingPercentEncoding,
        let value = (parts.count > 1 ? String(parts[1]) : "").removingPercentEncoding
      else { throw ProblemDetails.badRequest("Invalid percent-encoding in the query") }
      parameters.append((name, value))
    }
    let tenantHeader = message.headers["NGSILD-Tenant"]?.trimmingCharacters(in: .whitespaces) ?? ""
    tenant = tenantHeader
  }

  /// Query parameters of the NGSI-LD API (clause 6.3 to 6.28); anything else is BadRequestData.
  static let knownParameters: Set<String> = [
    "id", "type", "idPattern", "attrs", "pick", "omit", "q", "georel", "geometry", "coordinates", "geoproperty",
    "geometryProperty", "options", "format", "limit", "offset", "count", "lang", "scopeQ", "local", "csf",
    "datasetId", "deleteAll", "details", "join", "joinLevel", "containedBy", "entityMap", "collect", "orderBy",
    "expandValues", "jsonKeys", "observedAt", "reload", "kind", "timerel", "timeAt", "endTimeAt", "lastN",
    "aggrMethods", "aggrPeriodDuration", "timeproperty", "doNotCompact", "via",
  ]

  func checkParameters() throws(ProblemDetails) {
    for (name, _) in parameters where !Self.knownParameters.contains(name) {
      throw ProblemDetails.invalid("Unknown query parameter", detail: name)
    }
  }

  func parameter(_ name: String) -> String? {
    parameters.first { $0.name == name }?.value
  }

  /// A comma-separated parameter as a list (empty items dropped).
  func list(_ name: String) -> [String]? {
    guard let value = parameter(name) else { return nil }
    return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// `options` and `format` together (clause 5.5.9, 6.3.7).
  var options: Set<String> { Set(list("options") ?? []) }

  /// The media type of the answer from `Accept` (clause 6.3.4): 406 when nothing fits.
  func acceptedType(allowGeoJSON: Bool = false) throws(ProblemDetails) -> MediaType {
    guard let accept = headers["Accept"], !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return .json }
    var ranges: [(type: String, quality: Double, order: Int)] = []
    for (order, item) in accept.split(separator: ",").enumerated() {
      let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
      var quality = 1.0
      for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
        quality = Double(parameter.dropFirst(2)) ?? 0
      }
      if quality > 0 { ranges.append((parts[0], quality, order)) }
    }
    ranges.sort { $0.quality != $1.quality ? $0.quality > $1.quality : $0.order < $1.order }
    for range in ranges {
      switch range.type {
      case "application/json", "*/*", "application/*": return .json
      case "application/ld+json": return .jsonLD
      case "application/geo+json" where allowGeoJSON: return .geoJSON
      default: continue
      }
    }
    throw ProblemDetails(.notAcceptable, "None of the accepted media types can be served", detail: accept)
  }

  /// The request's media type: application/json or application/ld+json (merge-patch where allowed).
  func contentType(allowMergePatch: Bool = false) throws(ProblemDetails) -> MediaType {
    guard let header = headers["Content-Type"] else {
      throw ProblemDetails(.unsupportedMediaType, "Content-Type is missing")
    }
    let type = header.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    switch type {
    case "application/json": return .json
    case "application/ld+json": return .jsonLD
    case "application/merge-patch+json" where allowMergePatch: return .json
    default: throw ProblemDetails(.unsupportedMediaType, "Unsupported Content-Type", detail: header)
    }
  }

  /// The JSON body (InvalidRequest when it is not JSON) and its media type, checked against the
  /// @context rules of clause 6.3.5.
  func body(allowMergePatch: Bool = false) throws(ProblemDetails) -> (JSONTree, MediaType) {
    let type = try contentType(allowMergePatch: allowMergePatch)
    if type == .jsonLD && linkContext != nil {
      throw ProblemDetails.badRequest("A request of type application/ld+json must not carry a JSON-LD Link header")
    }
    guard !rawBody.isEmpty else { throw ProblemDetails.invalid("The request body is empty") }
    let tree: JSONTree
    do {
      tree = try JSONTree.parse(rawBody, maxDepth: 64)
    } catch {
      throw ProblemDetails.invalid("The request body is not valid JSON", detail: error.description)
    }
    let objects = tree.array ?? [tree]
    for object in objects where object.isObject {
      let hasContext = object["@context"] != nil
      if type == .json && hasContext {
        throw ProblemDetails.badRequest("A request of type application/json must not contain @context")
      }
      if type == .jsonLD && !hasContext {
        throw ProblemDetails.badRequest("A request of type application/ld+json must contain @context")
      }
    }
    return (tree, type)
  }

  /// The context URL of a `Link` header with rel json-ld#context (clause 6.3.5).
  var linkContext: JSONTree? {
    for value in headers.values("Link") {
      for link in value.split(separator: ",") {
        let text = link.trimmingCharacters(in: .whitespaces)
        guard text.contains("json-ld#context"), let open = text.firstIndex(of: "<"),
          let close = text.firstIndex(of: ">"), open < close
        else { continue }
        return .string(String(text[text.index(after: open)..<close]))
      }
    }
    return nil
  }
}
