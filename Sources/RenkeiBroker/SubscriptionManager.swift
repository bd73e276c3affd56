import Foundation
import RenkeiCore

/// Subscriptions of every tenant (clause 5.8) and the decision which changes notify whom (5.11).
final class SubscriptionManager: Sendable {
  private let tenants = LockedValue<[String: [Subscription]]>([:])

  func create(_ subscription: Subscription, tenant: String) throws(ProblemDetails) {
    try tenants.update { (all: inout [String: [Subscription]]) throws(ProblemDetails) in
      if all[tenant]?.contains(where: { $0.id == subscription.id }) == true {
        throw ProblemDetails(.alreadyExists, "Subscription \(subscription.id) already exists")
      }
      all[tenant, default: []].append(subscription)
    }
  }

  func list(tenant: String) -> [Subscription] { tenants.value[tenant] ?? [] }

  func get(_ id: String, tenant: String) throws(ProblemDetails) -> Subscription {
    guard let found = tenants.value[tenant]?.first(where: { $0.id == id }) else {
      throw ProblemDetails.notFound("Subscription \(id) not found")
    }
    return found
  }

  /// Replaces a subscription by its patched version, keeping the notification state.
  func replace(_ subscription: Subscription, tenant: String) throws(ProblemDetails) {
    try tenants.update { (all: inout [String: [Subscription]]) throws(ProblemDetails) in
      guard let at = all[tenant]?.firstIndex(where: { $0.id == subscription.id }) else {
        throw ProblemDetails.notFound("Subscription \(subscription.id) not found")
      }
      var updated = subscription
      let old = all[tenant]![at]
      updated.timesSent = old.timesSent
      updated.lastNotification = old.lastNotification
      updated.lastNotificationMilliseconds = old.lastNotificationMilliseconds
      updated.lastSuccess = old.lastSuccess
      updated.lastFailure = old.lastFailure
      all[tenant]![at] = updated
    }
  }

  func delete(_ id: String, tenant: String) throws(ProblemDetails) {
    try tenants.update { (all: inout [String: [Subscription]]) throws(ProblemDetails) in
      guard let at = all[tenant]?.firstIndex(where: { $0.id == id }) else {
        throw ProblemDetails.notFound("Subscription \(id) not found")
      }
      all[tenant]!.remove(at: at)
    }
  }

  /// The notifications `changes` cause; marks them sent (throttling counts from here).
  func notifications(for changes: [EntityStore.Change], tenant: String) -> [Notifier.Outgoing] {
    guard !changes.isEmpty else { return [] }
    return tenants.update { (all: inout [String: [Subscription]]) -> [Notifier.Outgoing] in
      guard var subscriptions = all[tenant] else { return [] }
      var out: [Notifier.Outgoing] = []
      let now = SystemClock.nowMilliseconds()
      for index in subscriptions.indices {
        let subscription = subscriptions[index]
        guard subscription.isActive, !subscription.isExpired, !subscription.isPeriodic else { continue }
        if let throttling = subscription.throttling, let last = subscription.lastNotificationMilliseconds,
          Double(now - last) < throttling * 1000
        {
          continue
        }
        var entities: [StoredEntity] = []
        for change in changes where Self.triggers(subscription, change) {
          if let entity = change.after ?? change.before, subscription.selects(entity) { entities.append(entity) }
        }
        guard !entities.isEmpty else { continue }
        out.append(Self.outgoing(subscription, entities, tenant: tenant, now: now))
        subscriptions[index].timesSent += 1
        subscriptions[index].lastNotification = SystemClock.format(milliseconds: now)
        subscriptions[index].lastNotificationMilliseconds = now
      }
      all[tenant] = subscriptions
      return out
    }
  }

  /// Counts a notification sent outside `notifications(for:tenant:)` (periodic ones).
  func markSent(_ subscriptionId: String, tenant: String) {
    tenants.update { all in
      guard let at = all[tenant]?.firstIndex(where: { $0.id == subscriptionId }) else { return }
      let now = SystemClock.nowMilliseconds()
      all[tenant]![at].timesSent += 1
      all[tenant]![at].lastNotification = SystemClock.format(milliseconds: now)
      all[tenant]![at].lastNotificationMilliseconds = now
    }
  }

  /// Records whether a notification reached its endpoint.
  func record(_ subscriptionId: String, tenant: String, success: Bool) {
    tenants.update { all in
      guard let at = all[tenant]?.firstIndex(where: { $0.id == subscriptionId }) else { return }
      let now = SystemClock.now()
      if success { all[tenant]![at].lastSuccess = now } else { all[tenant]![at].lastFailure = now }
    }
  }

  static func triggers(_ subscription: Subscription, _ change: EntityStore.Change) -> Bool {
    let triggers = subscription.triggers
    var touched: [String] = []
    var fired = false
    if change.before == nil, change.after != nil, triggers.contains("entityCreated") { fired = true }
    if change.after == nil, change.before != nil, triggers.contains("entityDeleted") { fired = true }
    if change.before != nil, change.after != nil, triggers.contains("entityUpdated") { fired = true }
    if triggers.contains("attributeCreated") { touched += change.created }
    if triggers.contains("attributeUpdated") { touched += change.updated }
    if triggers.contains("attributeDeleted") { touched += change.deleted }
    if let watched = subscription.watched {
      return touched.contains(where: watched.contains)
        || (fired && (change.after ?? change.before).map { e in watched.contains(where: e.hasAttribute) } == true)
    }
    return fired || !touched.isEmpty
  }

  static func outgoing(_ subscription: Subscription, _ entities: [StoredEntity], tenant: String, now: Int64)
    -> Notifier.Outgoing
  {
    let ld = subscription.accept == "application/ld+json"
    let representation = EntityRepresentation(
      format: subscription.format, sysAttrs: subscription.sysAttrs, context: subscription.context,
      attributes: subscription.attributes.map(Set.init), includeContext: false)
    let data = entities.map { representation.render($0) }
    var body: [(key: String, value: JSONTree)] = [
      ("id", .string("urn:ngsi-ld:Notification:\(UUID().uuidString.lowercased())")),
      ("type", .string("Notification")), ("subscriptionId", .string(subscription.id)),
      ("notifiedAt", .string(SystemClock.format(milliseconds: now))), ("data", .array(data)),
    ]
    if ld { body.append(("@context", subscription.context.contextValue)) }
    var headers: [(String, String)] = [("Content-Type", ld ? "application/ld+json" : "application/json")]
    if !ld {
      headers.append(
        ("Link", "<\(subscription.context.linkURL)>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\""))
    }
    if !tenant.isEmpty { headers.append(("NGSILD-Tenant", tenant)) }
    headers += subscription.receiverHeaders
    return Notifier.Outgoing(
      subscriptionId: subscription.id, tenant: tenant, endpoint: subscription.endpoint, headers: headers,
      body: JSONTree.object(body).bytes())
  }
}
