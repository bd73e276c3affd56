import Foundation
import RenkeiCore
import RenkeiHTTP

/// Subscriptions and HTTP notifications (Orion API spec, "Subscriptions Operations",
/// "Notification Triggering", "Notification Messages", "Custom Notifications").
extension NGSIv2Broker {
  static let subscriptionNotFound = NGSIv2Error(
    404, "NotFound", "The requested subscription has not been found. Check id")

  static func newSubscriptionId() -> String {
    let hex = Array("0123456789abcdef")
    return String((0..<24).map { _ in hex[Int.random(in: 0..<16)] })
  }

  /// Subscriptions belong to the tenant only; the service path is their query scope ("Service
  /// path in subscriptions and registrations").
  func subscriptionServicePath(_ request: NGSIv2Request) throws(NGSIv2Error) -> String {
    guard let header = request.headers["Fiware-ServicePath"], !header.isEmpty else { return "/#" }
    return try NGSIv2Request.checkServicePath(header.trimmingCharacters(in: .whitespaces), allowHash: true)
  }

  func listSubscriptions(_ request: NGSIv2Request) throws(NGSIv2Error) -> HTTPResponseMessage {
    try request.checkAcceptsJSON()
    let options = try request.options(allowed: ["count"])
    let exact = request.headers["Fiware-ServicePath"] == nil ? nil : try subscriptionServicePath(request)
    let now = SystemClock.nowMilliseconds()
    let items = try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      tenant.subscriptions.filter { exact == nil || $0.servicePath == exact }.map { $0.render(now: now) }
    }
    return try page(items, request, count: options.contains("count"))
  }

  func createSubscription(_ request: NGSIv2Request) throws(NGSIv2Error) -> HTTPResponseMessage {
    _ = try request.options(allowed: [])
    let body = try request.json()
    let subscription = try NGSIv2Subscription(
      id: Self.newSubscriptionId(), servicePath: try subscriptionServicePath(request), payload: body)
    try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      tenant.subscriptions.append(subscription)
    }
    return noContent(201, headers: [("Location", "/v2/subscriptions/\(subscription.id)")])
  }

  func retrieveSubscription(_ request: NGSIv2Request, _ id: String) throws(NGSIv2Error) -> HTTPResponseMessage {
    try request.checkAcceptsJSON()
    let now = SystemClock.nowMilliseconds()
    let rendered = try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      guard let subscription = tenant.subscriptions.first(where: { $0.id == id }) else {
        throw Self.subscriptionNotFound
      }
      return subscription.render(now: now)
    }
    return json(200, rendered)
  }

  func updateSubscription(_ request: NGSIv2Request, _ id: String) throws(NGSIv2Error) -> HTTPResponseMessage {
    _ = try request.options(allowed: [])
    let body = try request.json()
    try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      guard let at = tenant.subscriptions.firstIndex(where: { $0.id == id }) else { throw Self.subscriptionNotFound }
      var subscription = tenant.subscriptions[at]
      try subscription.apply(body, creating: false)
      tenant.subscriptions[at] = subscription
    }
    return noContent()
  }

  func deleteSubscription(_ request: NGSIv2Request, _ id: String) throws(NGSIv2Error) -> HTTPResponseMessage {
    try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      guard let at = tenant.subscriptions.firstIndex(where: { $0.id == id }) else { throw Self.subscriptionNotFound }
      tenant.subscriptions.remove(at: at)
    }
    return noContent()
  }

  // MARK: Notifications

  struct Outgoing: Sendable {
    var subscriptionId: String
    var service: String
    var request: HTTPRequestMessage
  }

  /// Whether a change triggers a subscription ("Notification Triggering", "Subscriptions based in
  /// alteration type").
  static func triggers(_ subscription: NGSIv2Subscription, _ change: Change, now: Int64) -> Bool {
    let status = subscription.currentStatus(now: now)
    guard status == "active" || status == "oneshot" else { return false }
    let entity = change.entity
    guard NGSIv2Request.servicePath(entity.servicePath, matches: [subscription.servicePath]),
      subscription.entities.contains(where: { $0.matches(entity) }),
      subscription.alterationTypes.contains(change.alteration.rawValue)
        || (change.alteration == .entityChange && subscription.alterationTypes.contains("entityUpdate"))
    else { return false }
    if change.alteration != .entityDelete && !subscription.conditionAttributes.isEmpty {
      let relevant = change.alteration == .entityUpdate ? change.touched : change.changed
      guard relevant.contains(where: subscription.conditionAttributes.contains) else { return false }
    }
    if let query = subscription.query, !query.matches(entity) { return false }
    if let query = subscription.metadataQuery, !query.matches(entity) { return false }
    if let geo = subscription.geoQuery, !geo.matches(entity) { return false }
    if subscription.throttling > 0, let last = subscription.lastNotificationMilliseconds,
      Double(now - last) < subscription.throttling * 1000
    {
      return false
    }
    return true
  }

  /// Works out and sends the notifications a set of changes causes.
  func notify(_ changes: [Change], service: String) {
    let now = SystemClock.nowMilliseconds()
    let stamp = SystemClock.format(milliseconds: now)
    let outgoing = state.update { (tenants: inout [String: Tenant]) -> [Outgoing] in
      guard var tenant = tenants[service] else { return [] }
      var out: [Outgoing] = []
      for change in changes {
        for index in tenant.subscriptions.indices where Self.triggers(tenant.subscriptions[index], change, now: now) {
          var subscription = tenant.subscriptions[index]
          out.append(Self.message(subscription, change, service: service))
          subscription.timesSent += 1
          subscription.lastNotification = stamp
          subscription.lastNotificationMilliseconds = now
          if subscription.status == "oneshot" { subscription.status = "inactive" }
          tenant.subscriptions[index] = subscription
        }
      }
      tenants[service] = tenant
      return out
    }
    for notification in outgoing {
      let session = self.session
      let state = self.state
      Task {
        var success = false
        var code: Int?
        var reason = ""
        do {
          let response = try await session.send(notification.request, timeout: .seconds(5))
          code = response.status
          success = (200..<300).contains(response.status)
          reason = "HTTP \(response.status)"
        } catch {
          reason = "\(error)"
        }
        let stamp = SystemClock.now()
        state.update { tenants in
          guard var tenant = tenants[notification.service],
            let at = tenant.subscriptions.firstIndex(where: { $0.id == notification.subscriptionId })
          else { return }
          var subscription = tenant.subscriptions[at]
          if success {
            subscription.lastSuccess = stamp
            subscription.lastSuccessCode = code
            subscription.failsCounter = 0
          } else {
            subscription.lastFailure = stamp
            subscription.lastFailureReason = reason
            subscription.failsCounter += 1
            if let limit = subscription.notification["maxFailsLimit"]?.double, Double(subscription.failsCounter) > limit
            {
              subscription.status = "inactive"
            }
          }
          tenant.subscriptions[at] = subscription
          tenants[notification.service] = tenant
        }
      }
    }
  }

  /// The notification request for one entity: NGSI payload in the subscription's format, or the
  /// custom url/method/headers/qs/payload/json of httpCustom ("Custom Notifications").
  static func message(_ subscription: NGSIv2Subscription, _ change: Change, service: String) -> Outgoing {
    let notification = subscription.notification
    let entity = change.entity
    var representation = NGSIv2Representation()
    let format = subscription.attrsFormat
    switch format {
    case "keyValues", "simplifiedKeyValues": representation.mode = .keyValues
    case "values": representation.mode = .values
    default: representation.mode = .normalized
    }
    var names = entity.attributes.map(\.name)
    if let attrs = notification["attrs"]?.array?.compactMap(\.string), !attrs.isEmpty {
      names = attrs.flatMap { $0 == "*" ? entity.attributes.map(\.name) : [$0] }
    }
    if let except = notification["exceptAttrs"]?.array?.compactMap(\.string) {
      names.removeAll(where: except.contains)
    }
    if notification["onlyChangedAttrs"]?.bool == true {
      names = names.filter { change.changed.contains($0) || NGSIv2Representation.builtinAttributes.contains($0) }
    }
    var rendered = entity
    if notification["covered"]?.bool == true {
      for name in names where rendered.attribute(name) == nil && NGSIv2Representation.builtin(name, entity) == nil {
        rendered.attributes.append(
          NGSIv2Entity.Attribute(name: name, type: "None", value: .null, dateCreated: "", dateModified: ""))
      }
    }
    representation.attributes = names
    if let metadata = notification["metadata"]?.array?.compactMap(\.string), !metadata.isEmpty {
      representation.metadata = metadata
    }
    let data = representation.render(rendered)
    var body: [UInt8]
    var headers = HTTPHeaderFields()
    var contentType = "application/json"
    if format.hasPrefix("simplified") {
      body = data.bytes()
    } else {
      body = JSONTree.object([("subscriptionId", .string(subscription.id)), ("data", .array([data]))]).bytes()
    }
    var url = notification["http"]?["url"]?.string ?? ""
    var method = "POST"
    if let custom = notification["httpCustom"] {
      func expand(_ text: String) -> String { macros(text, entity, service: service) }
      url = expand(custom["url"]?.string ?? "")
      method = custom["method"]?.string ?? "POST"
      if let query = custom["qs"]?.members, !query.isEmpty {
        let pairs = query.map { key, value in
          let text = expand(value.string ?? value.description)
          return expand(key) + "=" + (text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? text)
        }
        url += (url.contains("?") ? "&" : "?") + pairs.joined(separator: "&")
      }
      if let payload = custom["payload"] {
        if let text = payload.string {
          body = Array(expand(text).utf8)
          contentType = "text/plain"
        } else {
          body = []
        }
      } else if let json = custom["json"] {
        body = expandJSON(json, expand).bytes()
      }
      for (name, value) in custom["headers"]?.members ?? [] {
        if name.lowercased() == "content-type", let text = value.string {
          contentType = expand(text)
          continue
        }
        if let text = value.string, !text.isEmpty { headers.add(name, expand(text)) }
      }
    }
    headers.add("Content-Type", contentType)
    headers.add("Ngsiv2-AttrsFormat", format)
    if !service.isEmpty { headers.add("Fiware-Service", service) }
    headers.add("Fiware-ServicePath", entity.servicePath)
    return Outgoing(
      subscriptionId: subscription.id, service: service,
      request: HTTPRequestMessage(method: method, target: url, headers: headers, body: body))
  }

  /// `${id}`, `${type}`, `${service}`, `${servicePath}` and `${attribute}` ("Macro
  /// substitution"); unknown names become empty.
  static func macros(_ text: String, _ entity: NGSIv2Entity, service: String) -> String {
    var out = ""
    var rest = Substring(text)
    while let open = rest.range(of: "${") {
      out += rest[..<open.lowerBound]
      guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
        out += rest[open.lowerBound...]
        return out
      }
      let name = String(rest[open.upperBound..<close])
      switch name {
      case "id": out += entity.id
      case "type": out += entity.type
      case "service": out += service
      case "servicePath": out += entity.servicePath
      default:
        if let value = entity.attribute(name)?.value { out += value.string ?? value.description }
      }
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }

  static func expandJSON(_ tree: JSONTree, _ expand: (String) -> String) -> JSONTree {
    switch tree {
    case .string(let text): return .string(expand(text))
    case .array(let items): return .array(items.map { expandJSON($0, expand) })
    case .object(let members): return .object(members.map { ($0.key, expandJSON($0.value, expand)) })
    default: return tree
    }
  }
}
