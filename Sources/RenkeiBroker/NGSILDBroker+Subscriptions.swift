import RenkeiCore
import RenkeiHTTP

/// Subscriptions (clause 5.8) and the @context resources the broker serves (5.13).
extension NGSILDBroker {
  func createSubscription(_ request: BrokerRequest) throws(ProblemDetails) -> HTTPResponseMessage {
    let (body, type) = try request.body()
    let context = try self.context(request, body: body, type: type)
    let subscription = try Subscription(payload: body, context: context, now: now())
    if let url = subscription.payload["jsonldContext"]?.string { _ = try resolver.activeContext(.string(url)) }
    if let expiresAt = subscription.expiresAt, expiresAt <= SystemClock.nowMilliseconds() {
      throw ProblemDetails.badRequest("expiresAt is in the past")
    }
    store.ensure(request.tenant)
    try subscriptions.create(subscription, tenant: request.tenant)
    if let interval = subscription.payload["timeInterval"]?.double {
      startPeriodicNotifications(subscription.id, tenant: request.tenant, seconds: interval)
    }
    return noContent(
      201,
      headers: [("Location", "/ngsi-ld/v1/subscriptions/\(Self.pathEncoded(subscription.id))")] + tenantHeader(request))
  }

  func listSubscriptions(_ request: BrokerRequest) throws(ProblemDetails) -> HTTPResponseMessage {
    let type = try request.acceptedType()
    let context = try self.context(request)
    guard store.exists(request.tenant) else {
      throw ProblemDetails(.nonexistentTenant, "Tenant \(request.tenant) does not exist")
    }
    let pagination = try Pagination(request, defaultLimit: defaultLimit, maximumLimit: maximumLimit)
    let all = subscriptions.list(tenant: request.tenant)
    let sysAttrs = request.options.contains("sysAttrs")
    let page = pagination.page(all).map {
      $0.render(sysAttrs: sysAttrs, includeContext: type == .jsonLD, context: context)
    }
    let headers = pagination.headers(total: all.count, path: "/ngsi-ld/v1/subscriptions", query: request.rawQuery)
    return answer(200, .array(page), type: type, context: context, headers: headers)
  }

  func retrieveSubscription(_ request: BrokerRequest, _ id: String) throws(ProblemDetails) -> HTTPResponseMessage {
    let type = try request.acceptedType()
    guard NGSILDSyntax.isURI(id) else { throw ProblemDetails.badRequest("Subscription id is not a URI", detail: id) }
    guard store.exists(request.tenant) else {
      throw ProblemDetails(.nonexistentTenant, "Tenant \(request.tenant) does not exist")
    }
    let context = try self.context(request)
    let subscription = try subscriptions.get(id, tenant: request.tenant)
    let sysAttrs = request.options.contains("sysAttrs")
    return answer(
      200, subscription.render(sysAttrs: sysAttrs, includeContext: type == .jsonLD, context: context), type: type,
      context: context)
  }

  func updateSubscription(_ request: BrokerRequest, _ id: String) throws(ProblemDetails) -> HTTPResponseMessage {
    guard NGSILDSyntax.isURI(id) else { throw ProblemDetails.badRequest("Subscription id is not a URI", detail: id) }
    let (body, type) = try request.body(allowMergePatch: true)
    guard body.isObject else { throw ProblemDetails.badRequest("A subscription fragment must be an object") }
    if let bodyId = body["id"]?.string, bodyId != id {
      throw ProblemDetails.badRequest("The id in the body differs from the id in the path")
    }
    guard store.exists(request.tenant) else {
      throw ProblemDetails(.nonexistentTenant, "Tenant \(request.tenant) does not exist")
    }
    let old = try subscriptions.get(id, tenant: request.tenant)
    let context = try self.context(request, body: body, type: type)
    var payload = old.expandedPayload
    for (key, value) in body.members ?? [] where key != "@context" && key != "id" {
      if value == .null || value.string == "urn:ngsi-ld:null" {
        payload[key] = nil
      } else if key == "notification", let fresh = value.members, var merged = payload[key] {
        for (member, inner) in fresh { merged[member] = inner }
        payload[key] = merged
      } else {
        payload[key] = value
      }
    }
    let updated = try Subscription(payload: payload, context: context, now: now(), createdAt: old.createdAt)
    try subscriptions.replace(updated, tenant: request.tenant)
    return noContent()
  }

  func deleteSubscription(_ request: BrokerRequest, _ id: String) throws(ProblemDetails) -> HTTPResponseMessage {
    guard NGSILDSyntax.isURI(id) else { throw ProblemDetails.badRequest("Subscription id is not a URI", detail: id) }
    guard store.exists(request.tenant) else {
      throw ProblemDetails(.nonexistentTenant, "Tenant \(request.tenant) does not exist")
    }
    try subscriptions.delete(id, tenant: request.tenant)
    return noContent()
  }

  /// timeInterval subscriptions (clause 5.8.1): every interval, the matching entities, for as long
  /// as the subscription exists.
  func startPeriodicNotifications(_ id: String, tenant: String, seconds: Double) {
    Task { [weak self] in
      while true {
        try? await Task.sleep(for: .milliseconds(Int(max(seconds, 0.1) * 1000)))
        guard let self, let subscription = try? self.subscriptions.get(id, tenant: tenant) else { return }
        guard subscription.isActive, !subscription.isExpired else { continue }
        let entities =
          (try? self.store.read(tenant) { (state: EntityStore.Tenant) throws(ProblemDetails) in
            state.all.filter(subscription.selects)
          }) ?? []
        guard !entities.isEmpty else { continue }
        let outgoing = SubscriptionManager.outgoing(
          subscription, entities.map { ($0, nil) }, tenant: tenant, now: SystemClock.nowMilliseconds())
        let manager = self.subscriptions
        manager.markSent(id, tenant: tenant)
        self.notifier.send([outgoing]) { notification, success in
          manager.record(notification.subscriptionId, tenant: notification.tenant, success: success)
        }
      }
    }
  }

  // MARK: @context resources

  /// GET lists the contexts, GET {id} serves one (the core context under its own URL too), POST
  /// registers an inline context, DELETE forgets it.
  func jsonldContexts(_ request: BrokerRequest) throws(ProblemDetails) -> HTTPResponseMessage {
    let segments = request.segments
    switch (request.method, segments.count) {
    case ("GET", 1):
      let urls = [ContextResolver.coreContextURL] + resolver.registered.value.keys.sorted()
      return jsonAnswer(200, .array(urls.map(JSONTree.string)))
    case ("POST", 1):
      let (body, _) = try request.body()
      guard body.isObject, body["@context"] != nil else {
        throw ProblemDetails.badRequest("A context document must be an object with @context")
      }
      let id = "urn:ngsi-ld:Context:\(SystemClock.nowMilliseconds())"
      let key = Self.contextKey(id)
      resolver.registered.update { $0[key] = body }
      return noContent(201, headers: [("Location", "/ngsi-ld/v1/jsonldContexts/\(Self.pathEncoded(id))")])
    case ("GET", 2):
      let id = segments[1]
      if id == ContextResolver.coreContextURL || ContextResolver.isCoreURL(id) {
        return jsonAnswer(200, resolver.coreContextDocument)
      }
      guard let document = resolver.registered.value[Self.contextKey(id)] ?? resolver.registered.value[id] else {
        throw ProblemDetails.notFound("No context \(id)")
      }
      var headers = HTTPHeaderFields()
      headers.add("Content-Type", "application/ld+json")
      return HTTPResponseMessage(status: 200, headers: headers, body: document.bytes())
    case ("DELETE", 2):
      let key = Self.contextKey(segments[1])
      let removed = resolver.registered.update { $0.removeValue(forKey: key) != nil }
      guard removed else { throw ProblemDetails.notFound("No context \(segments[1])") }
      return noContent()
    default:
      throw ProblemDetails(.methodNotAllowed, "Method \(request.method) not allowed", detail: "GET, POST, DELETE")
    }
  }

  /// Registered contexts are found by any URL ending in their path on this broker.
  static func contextKey(_ id: String) -> String { "/ngsi-ld/v1/jsonldContexts/" + pathEncoded(id) }
}
