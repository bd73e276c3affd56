import RenkeiCore
import RenkeiHTTP

/// An NGSI v2 error answer (Orion API spec, "Error Responses"): an HTTP status and a JSON body
/// `{"error": ..., "description": ...}`; `error` is the stable name clients and cases check.
struct NGSIv2Error: Error, Sendable, Equatable {
  var status: Int
  var error: String
  var description: String
  /// The methods a 405 answer lists in `Allow`.
  var allow: [String] = []

  init(_ status: Int, _ error: String, _ description: String, allow: [String] = []) {
    self.status = status
    self.error = error
    self.description = description
    self.allow = allow
  }

  static func badRequest(_ description: String) -> NGSIv2Error { NGSIv2Error(400, "BadRequest", description) }
  static func parseError(_ description: String) -> NGSIv2Error { NGSIv2Error(400, "ParseError", description) }
  static func unprocessable(_ description: String) -> NGSIv2Error { NGSIv2Error(422, "Unprocessable", description) }
  static func partialUpdate(_ description: String) -> NGSIv2Error { NGSIv2Error(422, "PartialUpdate", description) }

  /// The wording of the spec's examples for a missing entity.
  static let entityNotFound = NGSIv2Error(
    404, "NotFound", "The requested entity has not been found. Check type and id")
  static let attributeNotFound = NGSIv2Error(404, "NotFound", "The entity does not have such an attribute")

  static func notFound(_ description: String) -> NGSIv2Error { NGSIv2Error(404, "NotFound", description) }

  /// The body as the spec shows it.
  var json: JSONTree {
    .object([("error", .string(error)), ("description", .string(description))])
  }

  func response() -> HTTPResponseMessage {
    var headers = HTTPHeaderFields()
    headers.add("Content-Type", "application/json")
    if status == 405 { headers.add("Allow", allow.joined(separator: ", ")) }
    return HTTPResponseMessage(status: status, headers: headers, body: json.bytes())
  }
}
