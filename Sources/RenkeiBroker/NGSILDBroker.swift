import Foundation
import RenkeiCore
import RenkeiHTTP

/// renkei's reference NGSI-LD context broker (ETSI GS CIM 009 v1.8): entities, attributes, batch
/// operations, queries, discovery and subscriptions, in memory, per tenant. `handle` answers one
/// HTTP request; `serve` runs it on an `HTTPServer`.
public final class NGSILDBroker: Sendable {
  let resolver = ContextResolver()
  let store: EntityStore
  let subscriptions = SubscriptionManager()
  let notifier = Notifier()
  let fetcher = LazyHTTPClient(connectTimeout: .seconds(2), maximumResponseSize: 1 << 20)
  /// Largest `limit` (clause 5.5.9: beyond it, TooManyResults).
  public let maximumLimit = 1000
  public let defaultLimit = 20
  let contextFetching: ContextFetching

  /// Which remote @context URLs the broker may fetch: none keeps it strictly offline, loopback
  /// allows documents served on this machine (a test runner's), any allows the network.
  public enum ContextFetching: String, Sendable {
    case none, loopback, any
  }

  /// Hears the store changes of NGSI-LD requests (the NGSI v2 face's subscriptions, when both
  /// faces share the store): changes and tenant.
  let storeChangeListener = LockedValue<(@Sendable ([EntityStore.Change], String) -> Void)?>(nil)

  public init(contextFetching: ContextFetching = .loopback) {
    self.contextFetching = contextFetching
    store = EntityStore()
  }

  /// A broker over `store`, which an NGSI v2 face may share.
  init(contextFetching: ContextFetching, store: EntityStore) {
    self.contextFetching = contextFetching
    self.store = store
  }

  /// Starts an HTTP server answering with this broker.
  public func serve(host: String = "127.0.0.1", port: Int = 1026) async throws -> HTTPServer {
    try await HTTPServer.start(host: host, port: port, maximumBodySize: 8 << 20) { [self] request in
      await self.handle(request)
    }
  }

  public func shutdown() async {
    await notifier.shutdown()
    await fetcher.shutdown()
  }

  public func handle(_ message: HTTPRequestMessage) async -> HTTPResponseMessage {
    do {
      let request = try BrokerRequest(message)
      try request.checkParameters()
      await prefetchContexts(request)
      return try route(request)
    } catch {
      return Self.problem(error)
    }
  }

  static func problem(_ error: ProblemDetails) -> HTTPResponseMessage {
    var headers = HTTPHeaderFields()
    headers.add("Content-Type", "application/json")
    if error.status == 405 { headers.add("Allow", error.detail ?? "") }
    return HTTPResponseMessage(status: error.status, headers: headers, body: error.json.bytes())
  }

  private func route(_ request: BrokerRequest) throws(ProblemDetails) -> HTTPResponseMessage {
    let s = request.segments
    let method = request.method
    func allow(_ methods: [String]) throws(ProblemDetails) {
      if !methods.contains(method) {
        throw ProblemDetails(.methodNotAllowed, "Method \(method) not allowed", detail: methods.joined(separator: ", "))
      }
    }
    guard let first = s.first else { throw ProblemDetails.notFound("No such resource") }
    switch (first, s.count) {
    case ("entities", 1):
      try allow(["GET", "POST"])
      return method == "GET" ? try queryEntities(request) : try createEntity(request)
    case ("entities", 2):
      try allow(["GET", "PUT", "PATCH", "DELETE"])
      let id = try Self.entityId(s[1])
      switch method {
      case "GET": return try retrieveEntity(request, id)
      case "PUT": return try replaceEntity(request, id)
      case "PATCH": return try mergeEntity(request, id)
      default: return try deleteEntity(request, id)
      }
    case ("entities", 3) where s[2] == "attrs":
      try allow(["POST", "PATCH"])
      let id = try Self.entityId(s[1])
      return method == "POST" ? try appendAttributes(request, id) : try updateAttributes(request, id)
    case ("entities", 4) where s[2] == "attrs":
      try allow(["PATCH", "PUT", "DELETE"])
      let id = try Self.entityId(s[1])
      guard NGSILDSyntax.isValidName(s[3]) else {
        throw ProblemDetails.badRequest("Invalid attribute name", detail: s[3])
      }
      switch method {
      case "PATCH": return try partialAttributeUpdate(request, id, s[3])
      case "PUT": return try replaceAttribute(request, id, s[3])
      default: return try deleteAttribute(request, id, s[3])
      }
    case ("entityOperations", 2):
      try allow(["POST"])
      return try batch(request, s[1])
    case ("subscriptions", 1):
      try allow(["GET", "POST"])
      return method == "GET" ? try listSubscriptions(request) : try createSubscription(request)
    case ("subscriptions", 2):
      try allow(["GET", "PATCH", "DELETE"])
      switch method {
      case "GET": return try retrieveSubscription(request, s[1])
      case "PATCH": return try updateSubscription(request, s[1])
      default: return try deleteSubscription(request, s[1])
      }
    case ("types", 1), ("types", 2), ("attributes", 1), ("attributes", 2):
      try allow(["GET"])
      return try discovery(request)
    case ("jsonldContexts", 1), ("jsonldContexts", 2):
      return try jsonldContexts(request)
    case ("temporal", _), ("csourceRegistrations", _), ("csourceSubscriptions", _), ("entityMap", _),
      ("entityMaps", _), ("info", _):
      throw ProblemDetails(.operationNotSupported, "\(first) is not implemented by renkei's reference broker")
    default:
      throw ProblemDetails.notFound("No such resource", detail: "/ngsi-ld/v1/" + s.joined(separator: "/"))
    }
  }

  static func entityId(_ text: String) throws(ProblemDetails) -> String {
    guard NGSILDSyntax.isURI(text) else { throw ProblemDetails.badRequest("Entity id is not a URI", detail: text) }
    return text
  }

  // MARK: Shared helpers

  /// The active context of a request: the body's @context for ld+json, else the Link header.
  func context(_ request: BrokerRequest, body: JSONTree? = nil, type: BrokerRequest.MediaType? = nil)
    throws(ProblemDetails) -> ActiveContext
  {
    if type == .jsonLD, let inline = body?["@context"] { return try resolver.activeContext(inline) }
    return try resolver.activeContext(request.linkContext)
  }

  /// A JSON answer in the negotiated media type: @context in the body for ld+json, a Link header
  /// otherwise.
  func answer(
    _ status: Int, _ body: JSONTree, type: BrokerRequest.MediaType, context: ActiveContext,
    headers extra: [(String, String)] = []
  ) -> HTTPResponseMessage {
    var headers = HTTPHeaderFields()
    headers.add("Content-Type", type.rawValue)
    if type != .jsonLD {
      headers.add(
        "Link", "<\(context.linkURL)>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"")
    }
    for (name, value) in extra { headers.add(name, value) }
    return HTTPResponseMessage(status: status, headers: headers, body: body.bytes())
  }

  func noContent(_ status: Int = 204, headers extra: [(String, String)] = []) -> HTTPResponseMessage {
    var headers = HTTPHeaderFields()
    for (name, value) in extra { headers.add(name, value) }
    return HTTPResponseMessage(status: status, headers: headers)
  }

  func tenantHeader(_ request: BrokerRequest) -> [(String, String)] {
    request.tenant.isEmpty ? [] : [("NGSILD-Tenant", request.tenant)]
  }

  /// Sends the notifications a set of changes causes.
  func notify(_ changes: [EntityStore.Change], tenant: String) {
    notifySubscribers(changes, tenant: tenant)
    storeChangeListener.value?(changes, tenant)
  }

  /// Sends the NGSI-LD notifications that store changes cause, whichever face made them (an
  /// entity whose id is not a URI is not visible here).
  func notifySubscribers(_ changes: [EntityStore.Change], tenant: String) {
    let changes = changes.filter { ($0.after ?? $0.before)?.visibleToNGSILD ?? false }
    let outgoing = subscriptions.notifications(for: changes, tenant: tenant)
    guard !outgoing.isEmpty else { return }
    let manager = subscriptions
    notifier.send(outgoing) { notification, success in
      manager.record(notification.subscriptionId, tenant: notification.tenant, success: success)
    }
  }

  /// Representation options of a GET (clause 6.3.7 and 6.3.17).
  func representation(_ request: BrokerRequest, context: ActiveContext, type: BrokerRequest.MediaType)
    throws(ProblemDetails) -> EntityRepresentation
  {
    var representation = EntityRepresentation(context: context)
    var options = request.options
    for option in options {
      guard
        ["keyValues", "simplified", "concise", "normalized", "sysAttrs", "noOverwrite", "replace", "update"].contains(
          option)
      else { throw ProblemDetails.badRequest("Unknown option", detail: option) }
    }
    // "simplified" is the older name of keyValues (clause 4.5.3).
    if options.remove("simplified") != nil { options.insert("keyValues") }
    var format = request.parameter("format")
    if format == "simplified" { format = "keyValues" }
    if let format, EntityRepresentation.Format(rawValue: format) == nil {
      throw ProblemDetails.badRequest("Unknown format", detail: format)
    }
    if format == "keyValues" || (format == nil && options.contains("keyValues")) {
      representation.format = .keyValues
    } else if format == "concise" || (format == nil && options.contains("concise")) {
      representation.format = .concise
    }
    representation.sysAttrs = options.contains("sysAttrs") && representation.format != .keyValues
    if let attrs = try Self.names(request, "attrs") {
      representation.attributes = Set(attrs.map(context.expand))
    }
    if let pick = try Self.names(request, "pick") {
      guard representation.attributes == nil else {
        throw ProblemDetails.badRequest("pick and attrs exclude each other")
      }
      representation.pick = Set(pick)
    }
    if let omit = try Self.names(request, "omit") {
      guard representation.attributes == nil else {
        throw ProblemDetails.badRequest("omit and attrs exclude each other")
      }
      if let pick = representation.pick, !pick.isDisjoint(with: omit) {
        throw ProblemDetails.badRequest("pick and omit name the same member")
      }
      representation.omit = Set(omit)
    }
    representation.language = request.parameter("lang")
    if let datasets = request.list("datasetId"), request.method == "GET" {
      representation.datasetIds = datasets.map { $0 == "@none" ? nil : $0 }
    }
    representation.includeContext = type == .jsonLD
    return representation
  }

  func now() -> String { SystemClock.now() }

  /// A comma-separated list of attribute or member names (attrs, pick, omit): BadRequestData
  /// when empty, with empty items or with a name that is not one.
  static func names(_ request: BrokerRequest, _ parameter: String) throws(ProblemDetails) -> [String]? {
    guard let raw = request.parameter(parameter) else { return nil }
    let items = raw.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard !raw.isEmpty, items.allSatisfy({ NGSILDSyntax.isValidName($0) && !$0.contains("|") }) else {
      throw ProblemDetails.badRequest("Invalid \(parameter)", detail: raw)
    }
    return items
  }

  // MARK: Remote contexts

  /// Fetches the @context URLs a request names that are neither core nor known yet (when allowed),
  /// so that the synchronous operations find them in the resolver. Failures are left to the
  /// resolver, which answers LdContextNotAvailable.
  func prefetchContexts(_ request: BrokerRequest) async {
    guard contextFetching != .none else { return }
    var pending: [String] = []
    if let link = request.linkContext?.string { pending.append(link) }
    if request.headers["Content-Type"]?.lowercased().contains("ld+json") == true,
      let body = try? JSONTree.parse(request.rawBody, maxDepth: 64)
    {
      for item in body.array ?? [body] { pending += Self.contextURLs(item["@context"]) }
    }
    if request.segments.first == "subscriptions", let body = try? JSONTree.parse(request.rawBody, maxDepth: 64),
      let url = body["jsonldContext"]?.string
    {
      pending.append(url)
    }
    var rounds = 0
    while !pending.isEmpty && rounds < 4 {
      rounds += 1
      var next: [String] = []
      for url in Set(pending) where !resolver.knows(url) && mayFetch(url) {
        var headers = HTTPHeaderFields()
        headers.add("Accept", "application/ld+json, application/json")
        guard
          let response = try? await fetcher.session.send(
            HTTPRequestMessage(method: "GET", target: url, headers: headers), timeout: .seconds(3)),
          response.status == 200, let document = try? JSONTree.parse(response.body, maxDepth: 64),
          document["@context"] != nil
        else { continue }
        resolver.registered.update { $0[url] = document }
        next += Self.contextURLs(document["@context"])
      }
      pending = next
    }
  }

  static func contextURLs(_ context: JSONTree?) -> [String] {
    guard let context else { return [] }
    if let url = context.string { return [url] }
    return (context.array ?? []).compactMap(\.string)
  }

  func mayFetch(_ url: String) -> Bool {
    guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme),
      let host = parsed.host
    else { return false }
    switch contextFetching {
    case .none: return false
    case .any: return true
    case .loopback: return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }
  }
}
