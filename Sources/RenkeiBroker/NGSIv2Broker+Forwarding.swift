import Foundation
import RenkeiCore
import RenkeiHTTP

/// Forwarding to context providers (Orion API spec, "Registration Operations", Orion's context
/// provider forwarding). A query that matches a registration asks its provider with
/// `POST {provider.http.url}/op/query` and sees the answered attributes next to the local ones; an
/// update of registered attributes goes to `POST {provider.http.url}/op/update` instead of the local
/// store (NGSIv1 `queryContext` and `updateContext` for `legacyForwarding` providers).
/// `supportedForwardingMode` decides which of the two a provider takes. A provider that is
/// down, slower than `forwardingTimeout` or answers garbage leaves the local answer; every
/// forwarding is counted in the registration's `forwardingInformation`.
extension NGSIv2Broker {
  /// One request to one provider.
  struct ProviderCall: Sendable {
    var registration: NGSIv2Registration
    var body: JSONTree
    /// `E - [ a, b ]` for each entity an update call carries (the failure description).
    var labels: [String] = []
  }

  /// What forwarding left to do locally and how the answer ends up.
  struct ForwardingResult: Sendable {
    /// The request to run on the local store; nil when all of it went to providers.
    var local: NGSIv2Request?
    /// Whether a provider took part of an update, and the parts (`E - [ a ]`) whose provider failed.
    var providerTookPart = false
    var failedUpdates: [String] = []

    /// The answer to the client from the local answer (if the local store was asked).
    func answer(_ response: HTTPResponseMessage?) -> HTTPResponseMessage {
      guard !failedUpdates.isEmpty else { return response ?? HTTPResponseMessage(status: 204) }
      if let response, !(200..<300).contains(response.status) { return response }
      let anySuccess = response != nil || providerTookPart
      let description = "context provider failed: " + failedUpdates.joined(separator: ", ")
      return anySuccess ? NGSIv2Error.partialUpdate(description).response() : NGSIv2Error.entityNotFound.response()
    }
  }

  /// Forwards what the registrations cover: queries are answered by providers first (their
  /// entities ride along in `provided`), registered attributes of updates are sent and removed.
  func forward(_ request: NGSIv2Request) async -> ForwardingResult {
    let s = request.segments
    // A request another renkei broker forwarded is answered locally: a provider registered for
    // itself, or two brokers registered for each other, must not forward in a circle.
    if request.headers["Via"]?.contains(Self.via) == true { return ForwardingResult(local: request) }
    // entities, entities/{id}, entities/{id}/attrs, .../attrs/{name}, .../attrs/{name}/value
    let entityPath =
      s.first == "entities" && s.count <= 5 && (s.count < 3 || s[2] == "attrs") && (s.count < 5 || s[4] == "value")
    let isQuery = (request.method == "GET" && entityPath) || (request.method == "POST" && s == ["op", "query"])
    if isQuery { return ForwardingResult(local: await forwardQuery(request)) }
    let isUpdate =
      (entityPath
        && ((s.count == 3 && (request.method == "PATCH" || request.method == "POST"))
          || ((s.count == 4 || s.count == 5) && request.method == "PUT")))
      || (request.method == "POST" && s == ["op", "update"])
    return isUpdate ? await forwardUpdate(request) : ForwardingResult(local: request)
  }

  func registrations(_ request: NGSIv2Request) -> [NGSIv2Registration] {
    state.value[request.service]?.registrations ?? []
  }

  // MARK: Queries

  /// The entities and attributes a query asks for; nil when it asks providers nothing.
  func queryScope(_ request: NGSIv2Request) -> (selectors: [NGSIv2Subscription.EntitySelector], attributes: [String]?)?
  {
    if request.list("options")?.contains("skipForwarding") == true { return nil }
    let s = request.segments
    var selectors: [NGSIv2Subscription.EntitySelector] = []
    var attributes: [String]?
    if s.first == "op" {
      guard let body = try? request.json() else { return nil }
      for item in body["entities"]?.array ?? [] {
        selectors.append(
          NGSIv2Subscription.EntitySelector(
            id: item["id"]?.string, idPattern: item["idPattern"]?.string, type: item["type"]?.string,
            typePattern: item["typePattern"]?.string))
      }
      attributes = body["attrs"]?.array?.compactMap(\.string)
    } else if s.count == 1 {
      let ids = request.list("id")
      let types = request.list("type")
      for id in ids?.map(Optional.some) ?? [nil] {
        for type in types?.map(Optional.some) ?? [nil] {
          selectors.append(
            NGSIv2Subscription.EntitySelector(
              id: id, idPattern: ids == nil ? request.parameter("idPattern") ?? ".*" : nil, type: type,
              typePattern: request.parameter("typePattern")))
        }
      }
      attributes = request.list("attrs")
    } else {
      selectors = [NGSIv2Subscription.EntitySelector(id: s[1], type: request.parameter("type"))]
      attributes = s.count >= 4 ? [s[3]] : request.list("attrs")
    }
    if let asked = attributes {
      if asked.isEmpty || asked.contains("*") {
        attributes = nil
      } else {
        // Builtin attributes are the broker's own: a query only for them asks no provider.
        attributes = asked.filter { !NGSIv2Representation.builtinAttributes.contains($0) }
        if attributes?.isEmpty == true { return nil }
      }
    }
    return (selectors, attributes)
  }

  /// The entity selector a provider is asked for where a query selector and a registered entity
  /// overlap; nil where they do not.
  static func overlap(
    _ query: NGSIv2Subscription.EntitySelector, _ registered: NGSIv2Subscription.EntitySelector
  ) -> JSONTree? {
    if let type = registered.type {
      if let wanted = query.type, wanted != type { return nil }
      if let pattern = query.typePattern, !NGSIv2Subscription.regexMatches(pattern, type) { return nil }
    }
    var out: JSONTree = .object([])
    if let id = registered.id {
      if let wanted = query.id, wanted != id { return nil }
      if let pattern = query.idPattern, !NGSIv2Subscription.regexMatches(pattern, id) { return nil }
      out["id"] = .string(id)
    } else if let pattern = registered.idPattern {
      if let wanted = query.id {
        guard NGSIv2Subscription.regexMatches(pattern, wanted) else { return nil }
        out["id"] = .string(wanted)
      } else {
        out["idPattern"] = .string(query.idPattern ?? pattern)
      }
    } else {
      return nil
    }
    if let type = registered.type ?? query.type {
      out["type"] = .string(type)
    } else if let pattern = query.typePattern {
      out["typePattern"] = .string(pattern)
    }
    return out
  }

  /// One `op/query` call per registration whose entities and attributes meet the query's.
  func queryCalls(_ request: NGSIv2Request) -> [ProviderCall] {
    let candidates = registrations(request).filter(\.forwardsQueries)
    guard !candidates.isEmpty, let scope = queryScope(request) else { return [] }
    var calls: [ProviderCall] = []
    for registration in candidates {
      var entities: [JSONTree] = []
      for selector in scope.selectors {
        for registered in registration.entities {
          if let entity = Self.overlap(selector, registered), !entities.contains(entity) { entities.append(entity) }
        }
      }
      guard !entities.isEmpty else { continue }
      var attributes: [String]?
      switch (registration.attributes, scope.attributes) {
      case (nil, let asked): attributes = asked
      case (let offered?, nil): attributes = offered
      case (let offered?, let asked?):
        attributes = asked.filter(offered.contains)
        if attributes?.isEmpty == true { continue }
      }
      var body: JSONTree = .object([("entities", .array(entities))])
      if let attributes { body["attrs"] = .array(attributes.map(JSONTree.string)) }
      calls.append(ProviderCall(registration: registration, body: body))
    }
    return calls
  }

  /// Asks the providers; the request comes back carrying what they answered.
  func forwardQuery(_ request: NGSIv2Request) async -> NGSIv2Request {
    var out = request
    for call in queryCalls(request) {
      let legacy = call.registration.usesLegacyForwarding
      let response =
        legacy
        ? await send(
          call, operation: NGSIv1Forwarding.queryOperation, NGSIv1Forwarding.queryContext(call.body), request)
        : await send(call, operation: "/op/query", call.body, request)
      let entities = response.flatMap { response in
        Self.answeredEntities(response, legacy: legacy).flatMap {
          Self.providedEntities($0, call: call, servicePath: Self.providedPath(request))
        }
      }
      record(call, succeeded: entities != nil, service: request.service)
      out.provided += entities ?? []
    }
    return out
  }

  /// The entities (v2 normalized) of a provider's 2xx query answer; nil for anything else.
  static func answeredEntities(_ response: HTTPResponseMessage, legacy: Bool) -> [JSONTree]? {
    guard (200..<300).contains(response.status), let tree = try? JSONTree.parse(response.body, maxDepth: 64) else {
      return nil
    }
    return legacy ? NGSIv1Forwarding.entities(tree)?.array : tree.array
  }

  /// The provider's entities, restricted to what the call asked for; nil when one is not a valid
  /// entity.
  static func providedEntities(_ items: [JSONTree], call: ProviderCall, servicePath: String) -> [NGSIv2Entity]? {
    let asked = call.body["entities"]?.array ?? []
    let attributes = call.body["attrs"]?.array?.compactMap(\.string)
    let now = SystemClock.now()
    var out: [NGSIv2Entity] = []
    for item in items {
      guard let id = item["id"]?.string, item.isObject else { return nil }
      guard let decoded = try? NGSIv2Decoder(now: now).attributes(item) else { return nil }
      // The selector asked for this entity, if any: the provider is only trusted for those.
      let selector = asked.first { selector in
        if let wanted = selector["id"]?.string { return wanted == id }
        return selector["idPattern"]?.string.map { NGSIv2Subscription.regexMatches($0, id) } ?? false
      }
      guard let selector else { continue }
      // "" stands for a type the provider did not say and the query did not fix.
      let type = item["type"]?.string ?? selector["type"]?.string ?? ""
      if let wanted = selector["type"]?.string, type != wanted { continue }
      let kept = decoded.filter { attributes?.contains($0.name) ?? true }
      out.append(
        NGSIv2Entity(
          id: id, type: type, servicePath: servicePath, attributes: kept, dateCreated: now, dateModified: now))
    }
    return out
  }

  /// The service path of provided entities: inside the query's first scope.
  static func providedPath(_ request: NGSIv2Request) -> String {
    let scope = (try? request.servicePathsForQuery())?.first ?? "/"
    if scope == "/#" { return "/" }
    return scope.hasSuffix("/#") ? String(scope.dropLast(2)) : scope
  }

  /// The entities a query sees: the tenant's, with the attributes providers answered added to the
  /// local entity they belong to (local attributes win), or as entities of their own.
  static func queriedEntities(_ tenant: Tenant, _ request: NGSIv2Request) -> [NGSIv2Entity] {
    guard !request.provided.isEmpty else { return tenant.entities }
    let scopes = (try? request.servicePathsForQuery()) ?? ["/#"]
    var entities = tenant.entities
    for var entity in request.provided {
      let at = entities.firstIndex { local in
        local.id == entity.id && (entity.type.isEmpty || local.type == entity.type)
          && NGSIv2Request.servicePath(local.servicePath, matches: scopes)
      }
      if let at {
        for attribute in entity.attributes where entities[at].attribute(attribute.name) == nil {
          entities[at].attributes.append(attribute)
        }
      } else {
        if entity.type.isEmpty { entity.type = "Thing" }
        entities.append(entity)
      }
    }
    return entities
  }

  /// The one entity with this id (and type) a query sees (see `find`).
  static func queriedEntity(
    _ tenant: Tenant, _ request: NGSIv2Request, id: String, type: String?, scopes: [String]
  ) throws(NGSIv2Error) -> NGSIv2Entity {
    var view = tenant
    view.entities = queriedEntities(tenant, request)
    return view.entities[try find(view, id: id, type: type, scopes: scopes)]
  }

  // MARK: Updates

  /// The entities an update request writes, each with its attributes as the payload gives them,
  /// and the action a provider is asked to do; nil when the request is not forwardable.
  func updateScope(_ request: NGSIv2Request) -> (action: String, items: [(id: String, type: String?, body: JSONTree)])?
  {
    let s = request.segments
    // What the local operation would reject (options, identifiers, media type, JSON) is not
    // forwarded: the local answer tells the client.
    let options: Set<String> =
      switch s.count {
      case 4: ["overrideMetadata", "forcedUpdate", "flowControl"]
      case 5: ["forcedUpdate", "flowControl"]
      default: Self.writeOptions.union(["append"])
      }
    guard (try? request.options(allowed: options)) != nil, (try? request.contentType(allowText: s.count == 5)) != nil,
      let body = try? JSONTree.parse(request.body, maxDepth: 64)
    else { return nil }
    if s.count > 1, s.first == "entities" {
      guard (try? NGSIv2Syntax.checkIdentifier(s[1], "entity id")) != nil else { return nil }
    }
    if s.first == "op" {
      guard let action = body["actionType"]?.string, ["update", "append", "replace"].contains(action),
        let list = body["entities"]?.array
      else { return nil }
      var items: [(id: String, type: String?, body: JSONTree)] = []
      for entity in list {
        guard let id = entity["id"]?.string else { return nil }
        items.append((id, entity["type"]?.string, entity))
      }
      return (action, items)
    }
    let type = request.parameter("type")
    switch s.count {
    case 3:
      guard body.isObject else { return nil }
      return (request.method == "POST" ? "append" : "update", [(s[1], type, body)])
    case 4:
      return ("update", [(s[1], type, .object([(s[3], body)]))])
    default:
      return ("update", [(s[1], type, .object([(s[3], .object([("value", body)]))]))])
    }
  }

  /// Sends the registered attributes of an update to their providers; what is left runs locally.
  func forwardUpdate(_ request: NGSIv2Request) async -> ForwardingResult {
    guard let (calls, remaining) = updateCalls(request), !calls.isEmpty else { return ForwardingResult(local: request) }
    var result = ForwardingResult(local: nil)
    for call in calls {
      let succeeded: Bool
      if call.registration.usesLegacyForwarding {
        let response = await send(
          call, operation: NGSIv1Forwarding.updateOperation, NGSIv1Forwarding.updateContext(call.body), request)
        let answer = response.flatMap { (200..<300).contains($0.status) ? try? JSONTree.parse($0.body) : nil }
        succeeded = answer.map(NGSIv1Forwarding.updated) ?? false
      } else {
        let response = await send(call, operation: "/op/update", call.body, request)
        succeeded = response.map { (200..<300).contains($0.status) } ?? false
      }
      record(call, succeeded: succeeded, service: request.service)
      if succeeded { result.providerTookPart = true } else { result.failedUpdates += call.labels }
    }
    guard !remaining.isEmpty else { return result }
    var remainder = request
    if request.segments.first == "op" {
      let action = (try? JSONTree.parse(request.body))?["actionType"] ?? .string("update")
      remainder.body = JSONTree.object([("actionType", action), ("entities", .array(remaining))]).bytes()
    } else {
      remainder.body = remaining[0].bytes()
    }
    result.local = remainder
    return result
  }

  /// One `op/update` call per provider with the registered attributes of the update, and the
  /// entities (payload items) left for the local store; nil when nothing is to be forwarded.
  func updateCalls(_ request: NGSIv2Request) -> (calls: [ProviderCall], remaining: [JSONTree])? {
    let candidates = registrations(request).filter(\.forwardsUpdates)
    guard !candidates.isEmpty, let scope = updateScope(request) else { return nil }
    // keyValues shapes the attributes of `attrs` and `op/update` payloads, not a single attribute or value.
    let keyValues =
      request.list("options")?.contains("keyValues") == true
      && (request.segments.first == "op" || request.segments.count == 3)
    let decoder = NGSIv2Decoder(keyValues: keyValues, now: now())
    let scopes = (try? updateScopes(request)) ?? ["/#"]
    let local = state.value[request.service]?.entities ?? []
    var calls: [ProviderCall] = []
    var remaining: [JSONTree] = []
    for item in scope.items {
      let type =
        item.type
        ?? local.first { $0.id == item.id && NGSIv2Request.servicePath($0.servicePath, matches: scopes) }?.type
      var kept: [(key: String, value: JSONTree)] = []
      // Per provider, in order of first use: the entity as it is sent, and the names it carries.
      var outgoing: [(registration: NGSIv2Registration, entity: JSONTree, names: [String])] = []
      for (name, value) in item.body.members ?? [] {
        guard name != "id" && name != "type",
          let registration = candidates.first(where: { $0.covers(id: item.id, type: type) && $0.provides(name) })
        else {
          kept.append((name, value))
          continue
        }
        // An attribute the local store would reject is not forwarded either: the local answer tells.
        guard let attribute = try? decoder.attribute(name, value) else { return nil }
        let rendered = NGSIv2Representation().attributeObject(attribute)
        if let at = outgoing.firstIndex(where: { $0.registration.id == registration.id }) {
          outgoing[at].entity[name] = rendered
          outgoing[at].names.append(name)
        } else {
          var entity: JSONTree = .object([("id", .string(item.id))])
          if let type = type ?? registration.type(for: item.id) { entity["type"] = .string(type) }
          entity[name] = rendered
          outgoing.append((registration, entity, [name]))
        }
      }
      for (registration, entity, names) in outgoing {
        let label = "\(Self.label(item.id, item.type)) - [ \(names.joined(separator: ", ")) ]"
        if let at = calls.firstIndex(where: { $0.registration.id == registration.id }) {
          calls[at].body["entities"] = .array((calls[at].body["entities"]?.array ?? []) + [entity])
          calls[at].labels.append(label)
        } else {
          let body: JSONTree = .object([("actionType", .string(scope.action)), ("entities", .array([entity]))])
          calls.append(ProviderCall(registration: registration, body: body, labels: [label]))
        }
      }
      // An entity all of whose attributes went to providers is not written locally.
      if outgoing.isEmpty || kept.contains(where: { $0.key != "id" && $0.key != "type" }) {
        remaining.append(.object(kept))
      }
    }
    return (calls, remaining)
  }

  // MARK: Sending

  /// POSTs a call to the provider with the tenant headers Orion forwards; nil when no answer came
  /// in time.
  func send(
    _ call: ProviderCall, operation: String, _ body: JSONTree, _ request: NGSIv2Request
  ) async -> HTTPResponseMessage? {
    var headers = HTTPHeaderFields()
    headers.add("Content-Type", "application/json")
    headers.add("Accept", "application/json")
    headers.add("Via", "1.1 " + Self.via)
    if !request.service.isEmpty { headers.add("Fiware-Service", request.service) }
    for name in ["Fiware-ServicePath", "X-Auth-Token", "Fiware-Correlator"] {
      if let value = request.headers[name] { headers.add(name, value) }
    }
    let message = HTTPRequestMessage(
      method: "POST", target: call.registration.providerURL + operation, headers: headers, body: body.bytes())
    return try? await session.send(message, timeout: forwardingTimeout)
  }

  /// The `Via` pseudonym (RFC 9110, "Via") on forwarded requests.
  static let via = "renkei-ngsi-v2"

  func record(_ call: ProviderCall, succeeded: Bool, service: String) {
    let time = now()
    state.update { tenants in
      guard let at = tenants[service]?.registrations.firstIndex(where: { $0.id == call.registration.id }) else {
        return
      }
      tenants[service]?.registrations[at].forwarding.record(succeeded: succeeded, at: time)
    }
  }
}
