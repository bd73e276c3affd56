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
        var entities: [(StoredEntity, EntityStore.Change?)] = []
        for change in changes where Self.triggers(subscription, change) {
          if let entity = change.after ?? change.before, subscription.selects(entity) {
            entities.append((entity, change))
          }
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

  static func outgoing(
    _ subscription: Subscription, _ entities: [(StoredEntity, EntityStore.Change?)], tenant: String, now: Int64
  )
    -> Notifier.Outgoing
  {
    let ld = subscription.accept == "application/ld+json"
    var representation = EntityRepresentation(
      format: subscription.format, sysAttrs: subscription.sysAttrs, context: subscription.context,
      attributes: subscription.attributes.map(Set.init), includeContext: false)
    representation.pick = subscription.pick
    representation.omit = subscription.omit
    representation.datasetIds = subscription.datasetIds
    let data = entities.map { entity, change in
      changes(representation.render(entity), entity, change, subscription, representation)
    }
    var body: [(key: String, value: JSONTree)] = [
      ("id", .string("urn:ngsi-ld:Notification:\(UUID().uuidString.lowercased())")),
      ("type", .string("Notification")), ("subscriptionId", .string(subscription.id)),
      ("notifiedAt", .string(SystemClock.format(milliseconds: now))), ("data", .array(data)),
    ]
    if ld { body.append(("@context", subscription.context.contextValue)) }
    var headers: [(String, String)] = [("Content-Type", ld ? "application/ld+json" : "application/json")]
    if !ld {
      headers.append(
        (
          "Link",
          "<\(subscription.context.linkURL)>; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\""
        ))
    }
    if !tenant.isEmpty { headers.append(("NGSILD-Tenant", tenant)) }
    headers += subscription.receiverHeaders
    return Notifier.Outgoing(
      subscriptionId: subscription.id, tenant: tenant, endpoint: subscription.endpoint, headers: headers,
      body: JSONTree.object(body).bytes())
  }

  static let previousMember: [String: String] = [
    "value": "previousValue", "object": "previousObject", "languageMap": "previousLanguageMap",
    "vocab": "previousVocab", "json": "previousJson", "valueList": "previousValueList",
    "objectList": "previousObjectList",
  ]

  /// Deleted attributes as NULL markers, and with showChanges the previous values (clause 5.11).
  static func changes(
    _ rendered: JSONTree, _ entity: StoredEntity, _ change: EntityStore.Change?, _ subscription: Subscription,
    _ representation: EntityRepresentation
  ) -> JSONTree {
    guard let change, change.after != nil, let before = change.before else { return rendered }
    var out = rendered
    let context = subscription.context
    for name in change.deleted where !entity.hasAttribute(name) {
      if let attributes = subscription.attributes, !attributes.contains(name) { continue }
      guard let old = before.attribute(name)?.first else { continue }
      let type = old["type"]?.string ?? "Property"
      let content = NGSILDSyntax.contentMember[type] ?? "value"
      let null: JSONTree
      switch content {
      case "languageMap": null = .object([("@none", .string("urn:ngsi-ld:null"))])
      case "valueList", "objectList": null = .array([.string("urn:ngsi-ld:null")])
      default: null = .string("urn:ngsi-ld:null")
      }
      if representation.format == .keyValues {
        out[context.compact(name)] = null
        continue
      }
      var members: [(key: String, value: JSONTree)] = []
      if representation.format == .normalized { members.append(("type", .string(type))) }
      members.append((content, null))
      if subscription.showChanges, let previous = previousMember[content], let value = old[content] {
        members.append((previous, value))
      }
      out[context.compact(name)] = .object(members)
    }
    guard subscription.showChanges, representation.format != .keyValues else { return out }
    for name in change.updated {
      let key = context.compact(name)
      guard var attribute = out[key], attribute.isObject, let now = entity.attribute(name)?.first,
        let old = before.instance(name, datasetId: now["datasetId"]?.string)
      else { continue }
      let content = NGSILDSyntax.contentMember[now["type"]?.string ?? "Property"] ?? "value"
      if let previous = previousMember[content], let value = old[content], value != now[content] {
        attribute[previous] = value
        out[key] = attribute
      }
    }
    return out
  }
}
