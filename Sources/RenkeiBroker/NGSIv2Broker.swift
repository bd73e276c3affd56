import Foundation
import RenkeiCore
import RenkeiHTTP

/// renkei's reference NGSI v2 context broker (FIWARE Orion API specification): entities,
/// attributes, attribute values, types, batch update and query, subscriptions with HTTP
/// notifications, in memory, per tenant (`Fiware-Service`) and service path. `handle` answers one
/// HTTP request; `serve` runs it on an `HTTPServer`.
public final class NGSIv2Broker: Sendable {
  /// One tenant's entities (in creation order) and subscriptions.
  struct Tenant: Sendable {
    var entities: [NGSIv2Entity] = []
    var subscriptions: [NGSIv2Subscription] = []
    var registrations: [NGSIv2Registration] = []
  }

  /// What one operation did to one entity, for notifications ("Notification Triggering").
  struct Change: Sendable {
    enum Alteration: String, Sendable {
      case entityCreate, entityUpdate, entityChange, entityDelete
    }
    var entity: NGSIv2Entity
    var alteration: Alteration
    /// Attributes the request named.
    var touched: [String]
    /// Of those, the ones whose type, value or metadata changed.
    var changed: [String]
  }

  let state = LockedValue<[String: Tenant]>([:])
  let session = HTTPClientSession(connectTimeout: .seconds(2), maximumResponseSize: 1 << 20)
  /// Pagination bounds ("Pagination").
  public let maximumLimit = 1000
  public let defaultLimit = 20
  /// Orion's default payload limit (1 MB): larger requests get 413 RequestEntityTooLarge.
  public static let maximumPayloadSize = 1 << 20

  /// How long a context provider may take to answer a forwarded request.
  public let forwardingTimeout: Duration
  /// The entity store shared with the NGSI-LD face (`renkei serve both`); nil keeps the entities
  /// in `state` with the subscriptions.
  let sharedStore: EntityStore?
  let mapping: FaceMapping
  /// Hears the store changes of v2 requests when the store is shared (the NGSI-LD face's
  /// subscriptions): changes and tenant.
  let storeChangeListener = LockedValue<(@Sendable ([EntityStore.Change], String) -> Void)?>(nil)

  public init(forwardingTimeout: Duration = .seconds(3)) {
    self.forwardingTimeout = forwardingTimeout
    sharedStore = nil
    mapping = FaceMapping(context: ActiveContext())
  }

  /// A v2 face over `store`, the entity store of an NGSI-LD face.
  init(sharedStore store: EntityStore, forwardingTimeout: Duration = .seconds(3)) {
    self.forwardingTimeout = forwardingTimeout
    sharedStore = store
    mapping = FaceMapping()
  }

  /// Starts an HTTP server answering with this broker. The server reads up to 8 MB so that a too
  /// large payload gets the spec's JSON error rather than a bare 413.
  public func serve(host: String = "127.0.0.1", port: Int = 1026) async throws -> HTTPServer {
    try await HTTPServer.start(host: host, port: port, maximumBodySize: 8 << 20) { [self] request in
      await self.handle(request)
    }
  }

  public func shutdown() async {
    await session.shutdown()
  }

  public func handle(_ message: HTTPRequestMessage) async -> HTTPResponseMessage {
    do {
      if message.body.count > Self.maximumPayloadSize {
        throw NGSIv2Error(
          413, "RequestEntityTooLarge",
          "payload size: \(message.body.count), max size supported: \(Self.maximumPayloadSize)")
      }
      let request = try NGSIv2Request(message)
      let forwarding = await forward(request)
      guard let local = forwarding.local else { return forwarding.answer(nil) }
      let (response, changes) = try route(local)
      if !changes.isEmpty { notify(changes, service: request.service) }
      return forwarding.answer(response)
    } catch let error as NGSIv2Error {
      return error.response()
    } catch {
      return NGSIv2Error(500, "InternalServerError", "\(error)").response()
    }
  }

  typealias Outcome = (HTTPResponseMessage, [Change])

  private func route(_ request: NGSIv2Request) throws(NGSIv2Error) -> Outcome {
    let s = request.segments
    let method = request.method
    func allow(_ methods: [String]) throws(NGSIv2Error) {
      if !methods.contains(method) {
        throw NGSIv2Error(405, "MethodNotAllowed", "method \(method) not allowed for this resource", allow: methods)
      }
    }
    guard let first = s.first else {
      try allow(["GET"])
      let body: JSONTree = .object([
        ("entities_url", .string("/v2/entities")), ("types_url", .string("/v2/types")),
        ("subscriptions_url", .string("/v2/subscriptions")), ("registrations_url", .string("/v2/registrations")),
      ])
      return (json(200, body), [])
    }
    switch (first, s.count) {
    case ("entities", 1):
      try allow(["GET", "POST"])
      return method == "GET" ? (try listEntities(request), []) : try createEntity(request)
    case ("entities", 2):
      try allow(["GET", "DELETE"])
      let id = try Self.entityId(s[1])
      return method == "GET"
        ? (try retrieveEntity(request, id, attributesOnly: false), []) : try deleteEntity(request, id)
    case ("entities", 3) where s[2] == "attrs":
      try allow(["GET", "POST", "PATCH", "PUT"])
      let id = try Self.entityId(s[1])
      switch method {
      case "GET": return (try retrieveEntity(request, id, attributesOnly: true), [])
      case "POST": return try appendAttributes(request, id)
      case "PATCH": return try updateAttributes(request, id)
      default: return try replaceAttributes(request, id)
      }
    case ("entities", 4) where s[2] == "attrs":
      try allow(["GET", "PUT", "DELETE"])
      let id = try Self.entityId(s[1])
      try NGSIv2Syntax.checkIdentifier(s[3], "attribute name")
      switch method {
      case "GET": return (try retrieveAttribute(request, id, s[3]), [])
      case "PUT": return try updateAttribute(request, id, s[3])
      default: return try deleteAttribute(request, id, s[3])
      }
    case ("entities", 5) where s[2] == "attrs" && s[4] == "value":
      try allow(["GET", "PUT"])
      let id = try Self.entityId(s[1])
      try NGSIv2Syntax.checkIdentifier(s[3], "attribute name")
      return method == "GET" ? (try retrieveValue(request, id, s[3]), []) : try updateValue(request, id, s[3])
    case ("types", 1):
      try allow(["GET"])
      return (try listTypes(request), [])
    case ("types", 2):
      try allow(["GET"])
      return (try retrieveType(request, s[1]), [])
    case ("subscriptions", 1):
      try allow(["GET", "POST"])
      return method == "GET" ? (try listSubscriptions(request), []) : (try createSubscription(request), [])
    case ("subscriptions", 2):
      try allow(["GET", "PATCH", "DELETE"])
      switch method {
      case "GET": return (try retrieveSubscription(request, s[1]), [])
      case "PATCH": return (try updateSubscription(request, s[1]), [])
      default: return (try deleteSubscription(request, s[1]), [])
      }
    case ("op", 2) where s[1] == "update":
      try allow(["POST"])
      return try batchUpdate(request)
    case ("op", 2) where s[1] == "query":
      try allow(["POST"])
      return (try batchQuery(request), [])
    case ("registrations", 1):
      try allow(["GET", "POST"])
      return method == "GET" ? (try listRegistrations(request), []) : (try createRegistration(request), [])
    case ("registrations", 2):
      try allow(["GET", "DELETE"])
      return method == "GET"
        ? (try retrieveRegistration(request, s[1]), []) : (try deleteRegistration(request, s[1]), [])
    case ("op", 2) where s[1] == "notify":
      try allow(["POST"])
      return try notifyUpdate(request)
    default:
      throw .notFound("No such resource: /v2/\(s.joined(separator: "/"))")
    }
  }

  static func entityId(_ text: String) throws(NGSIv2Error) -> String {
    try NGSIv2Syntax.checkIdentifier(text, "entity id")
    return text
  }

  // MARK: Shared helpers

  /// Runs `body` on a tenant's state under the lock.
  func withTenant<Result: Sendable>(
    _ service: String, _ body: (inout Tenant) throws(NGSIv2Error) -> Result
  ) throws(NGSIv2Error) -> Result {
    if let sharedStore { return try withSharedTenant(sharedStore, service, body) }
    return try state.update { (tenants: inout [String: Tenant]) throws(NGSIv2Error) -> Result in
      var tenant = tenants[service] ?? Tenant()
      let result = try body(&tenant)
      tenants[service] = tenant
      return result
    }
  }

  func json(_ status: Int, _ body: JSONTree, headers extra: [(String, String)] = []) -> HTTPResponseMessage {
    var headers = HTTPHeaderFields()
    headers.add("Content-Type", "application/json")
    for (name, value) in extra { headers.add(name, value) }
    return HTTPResponseMessage(status: status, headers: headers, body: body.bytes())
  }

  func noContent(_ status: Int = 204, headers extra: [(String, String)] = []) -> HTTPResponseMessage {
    var headers = HTTPHeaderFields()
    for (name, value) in extra { headers.add(name, value) }
    return HTTPResponseMessage(status: status, headers: headers)
  }

  func now() -> String { SystemClock.now() }

  /// `limit` and `offset` ("Pagination"): limit 1 to 1000 (default 20), offset from 0.
  func pagination(_ request: NGSIv2Request) throws(NGSIv2Error) -> (limit: Int, offset: Int) {
    var limit = defaultLimit
    var offset = 0
    if let text = request.parameter("limit") {
      guard let value = Int(text), value > 0 else {
        throw .badRequest("Bad pagination limit: /\(text)/ [must be a decimal number]")
      }
      guard value <= maximumLimit else { throw .badRequest("Bad pagination limit: /\(text)/ [max: \(maximumLimit)]") }
      limit = value
    }
    if let text = request.parameter("offset") {
      guard let value = Int(text), value >= 0 else {
        throw .badRequest("Bad pagination offset: /\(text)/ [must be a decimal number]")
      }
      offset = value
    }
    return (limit, offset)
  }

  /// A page of `items`, with `Fiware-Total-Count` when `options=count`.
  func page(_ items: [JSONTree], _ request: NGSIv2Request, count: Bool) throws(NGSIv2Error) -> HTTPResponseMessage {
    let (limit, offset) = try pagination(request)
    let slice = offset >= items.count ? [] : Array(items[offset..<min(items.count, offset + limit)])
    return json(200, .array(slice), headers: count ? [("Fiware-Total-Count", String(items.count))] : [])
  }
}
