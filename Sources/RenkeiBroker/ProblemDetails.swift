import RenkeiCore

/// An NGSI-LD error (ETSI GS CIM 009 clause 5.5.2 and 6.3.2): thrown by every broker operation
/// and answered as an RFC 7807 ProblemDetails body.
public struct ProblemDetails: Error, Sendable, Equatable {
  public enum Kind: String, Sendable {
    case invalidRequest = "InvalidRequest"
    case badRequestData = "BadRequestData"
    case alreadyExists = "AlreadyExists"
    case operationNotSupported = "OperationNotSupported"
    case resourceNotFound = "ResourceNotFound"
    case nonexistentTenant = "NonexistentTenant"
    case internalError = "InternalError"
    case tooComplexQuery = "TooComplexQuery"
    case tooManyResults = "TooManyResults"
    case ldContextNotAvailable = "LdContextNotAvailable"
    case notAcceptable = "NotAcceptable"
    case unsupportedMediaType = "UnsupportedMediaType"
    case methodNotAllowed = "MethodNotAllowed"
    case conflict = "Conflict"

    /// HTTP status per clause 6.3.2 (LdContextNotAvailable is 504 there, not 503).
    public var status: Int {
      switch self {
      case .invalidRequest, .badRequestData: return 400
      case .alreadyExists, .conflict: return 409
      case .operationNotSupported: return 422
      case .resourceNotFound, .nonexistentTenant: return 404
      case .internalError: return 500
      case .tooComplexQuery, .tooManyResults: return 403
      case .ldContextNotAvailable: return 504
      case .notAcceptable: return 406
      case .unsupportedMediaType: return 415
      case .methodNotAllowed: return 405
      }
    }
  }

  public var kind: Kind
  public var title: String
  public var detail: String?

  public init(_ kind: Kind, _ title: String, detail: String? = nil) {
    self.kind = kind
    self.title = title
    self.detail = detail
  }

  public var type: String { "https://uri.etsi.org/ngsi-ld/errors/\(kind.rawValue)" }
  public var status: Int { kind.status }

  public var json: JSONTree {
    var members: [(key: String, value: JSONTree)] = [
      ("type", .string(type)), ("title", .string(title)), ("status", .number(status)),
    ]
    if let detail { members.append(("detail", .string(detail))) }
    return .object(members)
  }

  static func badRequest(_ title: String, detail: String? = nil) -> ProblemDetails {
    ProblemDetails(.badRequestData, title, detail: detail)
  }

  static func invalid(_ title: String, detail: String? = nil) -> ProblemDetails {
    ProblemDetails(.invalidRequest, title, detail: detail)
  }

  static func notFound(_ title: String, detail: String? = nil) -> ProblemDetails {
    ProblemDetails(.resourceNotFound, title, detail: detail)
  }
}
