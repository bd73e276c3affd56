import Foundation
import RenkeiCore

/// One subscription (clause 5.2.12): the payload as the client sent it, its selectors in expanded
/// form, and the notification state the broker adds (status, timesSent, last*).
struct Subscription: Sendable {
  struct Selector: Sendable {
    var id: String?
    var idPattern: String?
    var types: TypeSelector
  }

  var id: String
  /// The subscription as given (compacted names, without @context).
  var payload: JSONTree
  var context: ActiveContext
  var selectors: [Selector] = []
  var watched: [String]?
  var query: QueryLanguage?
  var geoQuery: GeoQuery?
  var attributes: [String]?
  var pick: Set<String>?
  var datasetIds: [String?]?
  var omit: Set<String> = []
  var format: EntityRepresentation.Format = .normalized
  var sysAttrs = false
  /// notification.showChanges: previous values beside the new ones (clause 5.2.14).
  var showChanges = false
  var endpoint: String
  var accept = "application/json"
  var receiverHeaders: [(String, String)] = []
  var throttling: Double?
  var expiresAt: Int64?
  var isActive = true
  var triggers: Set<String> = ["attributeCreated", "attributeUpdated"]
  var createdAt: String
  var modifiedAt: String
  var timesSent = 0
  var lastNotification: String?
  var lastNotificationMilliseconds: Int64?
  var lastSuccess: String?
  var lastFailure: String?

  static let allTriggers: Set<String> = [
    "entityCreated", "entityUpdated", "entityDeleted", "attributeCreated", "attributeUpdated", "attributeDeleted",
  ]

  /// Validates and reads a subscription payload (create, or the result of a PATCH merge).
  init(payload: JSONTree, context: ActiveContext, now: String, createdAt: String? = nil) throws(ProblemDetails) {
    guard payload.isObject else { throw ProblemDetails.badRequest("A subscription must be a JSON object") }
    var payload = payload
    payload["@context"] = nil
    if let raw = payload["id"] {
      guard let text = raw.string, NGSILDSyntax.isURI(text) else {
        throw ProblemDetails.badRequest("Subscription id is not a URI")
      }
      id = text
    } else {
      id = "urn:ngsi-ld:Subscription:\(UUID().uuidString.lowercased())"
      let members: [(key: String, value: JSONTree)] = [(key: "id", value: .string(id))]
      payload = .object(members + (payload.members ?? []))
    }
    guard payload["type"]?.string == "Subscription" else {
      throw ProblemDetails.badRequest("Subscription type must be \"Subscription\"")
    }
    self.payload = payload
    self.context = context
    self.createdAt = createdAt ?? now
    self.modifiedAt = now
    guard let notification = payload["notification"], notification.isObject else {
      throw ProblemDetails.badRequest("Subscription has no notification")
    }
    guard let endpoint = notification["endpoint"], let uri = endpoint["uri"]?.string, NGSILDSyntax.isURI(uri) else {
      throw ProblemDetails.badRequest("notification.endpoint.uri is missing or not a URI")
    }
    self.endpoint = uri
    if let accept = endpoint["accept"] {
      guard let text = accept.string,
        ["application/json", "application/ld+json", "application/geo+json"].contains(text)
      else { throw ProblemDetails.badRequest("Unsupported notification.endpoint.accept") }
      self.accept = text
    }
    for info in endpoint["receiverInfo"]?.array ?? [] {
      if let key = info["key"]?.string, let value = info["value"]?.string { receiverHeaders.append((key, value)) }
    }
    if let format = notification["format"] {
      guard let text = format.string, let parsed = EntityRepresentation.Format(rawValue: text) else {
        throw ProblemDetails.badRequest("Unsupported notification.format")
      }
      self.format = parsed
    }
    if let flag = notification["sysAttrs"] { sysAttrs = flag.bool ?? false }
    if let flag = notification["showChanges"] { showChanges = flag.bool ?? false }
    if let list = notification["attributes"] {
      guard let names = list.array, names.allSatisfy({ $0.string.map(NGSILDSyntax.isValidName) ?? false }) else {
        throw ProblemDetails.badRequest("notification.attributes must be attribute names")
      }
      attributes = names.isEmpty ? nil : names.compactMap(\.string).map(context.expand)
    }
    for member in ["pick", "omit"] {
      guard let list = notification[member] else { continue }
      guard let names = list.array, names.allSatisfy({ $0.string.map(NGSILDSyntax.isValidName) ?? false }) else {
        throw ProblemDetails.badRequest("notification.\(member) must be member names")
      }
      if attributes != nil {
        throw ProblemDetails.badRequest("notification.\(member) excludes notification.attributes")
      }
      if member == "pick" { pick = Set(names.compactMap(\.string)) } else { omit = Set(names.compactMap(\.string)) }
    }
    if let pick, !pick.isDisjoint(with: omit) {
      throw ProblemDetails.badRequest("notification.pick and notification.omit name the same member")
    }
    if let datasets = payload["datasetId"] {
      guard let items = datasets.array, items.allSatisfy({ $0.string != nil }) else {
        throw ProblemDetails.badRequest("datasetId must be an array of URIs")
      }
      datasetIds = items.compactMap(\.string).map { $0 == "@none" ? nil : $0 }
    }
    if payload["timeInterval"] != nil && payload["throttling"] != nil {
      throw ProblemDetails.badRequest("timeInterval and throttling exclude each other")
    }
    if let jsonldContext = payload["jsonldContext"] {
      guard let url = jsonldContext.string, NGSILDSyntax.isURI(url) else {
        throw ProblemDetails.badRequest("jsonldContext is not a URI")
      }
    }
    if let entities = payload["entities"] {
      guard let items = entities.array, !items.isEmpty else {
        throw ProblemDetails.badRequest("entities must be a non-empty array")
      }
      for item in items {
        guard let type = item["type"]?.string, !type.isEmpty else {
          throw ProblemDetails.badRequest("Each entities item needs a type")
        }
        let id = item["id"]?.string
        if let id, !NGSILDSyntax.isURI(id) { throw ProblemDetails.badRequest("entities id is not a URI") }
        let pattern = item["idPattern"]?.string
        if let pattern, (try? Regex(pattern)) == nil { throw ProblemDetails.badRequest("Invalid idPattern") }
        selectors.append(
          Selector(id: id, idPattern: pattern, types: try TypeSelector.parse(type, expand: context.expand)))
      }
    }
    if let list = payload["watchedAttributes"] {
      guard let names = list.array, !names.isEmpty,
        names.allSatisfy({ $0.string.map(NGSILDSyntax.isValidName) ?? false })
      else { throw ProblemDetails.badRequest("watchedAttributes must be a non-empty array of names") }
      watched = names.compactMap(\.string).map(context.expand)
    }
    if selectors.isEmpty && watched == nil {
      throw ProblemDetails.badRequest("A subscription needs entities or watchedAttributes")
    }
    if let interval = payload["timeInterval"] {
      guard let seconds = interval.double, seconds > 0 else { throw ProblemDetails.badRequest("Invalid timeInterval") }
      if watched != nil { throw ProblemDetails.badRequest("timeInterval and watchedAttributes exclude each other") }
    }
    if let q = payload["q"] {
      guard let text = q.string else { throw ProblemDetails.badRequest("q must be a string") }
      query = try QueryLanguage.parse(text)
    }
    if let geo = payload["geoQ"] {
      guard geo.isObject, let georel = geo["georel"]?.string, let geometry = geo["geometry"]?.string,
        let coordinates = geo["coordinates"]
      else { throw ProblemDetails.badRequest("geoQ needs georel, geometry and coordinates") }
      let text = coordinates.string ?? coordinates.description
      geoQuery = try GeoQuery(
        georel: georel, geometry: geometry, coordinates: text,
        geoproperty: context.expand(geo["geoproperty"]?.string ?? "location"))
    }
    if let throttling = payload["throttling"] {
      guard let seconds = throttling.double, seconds > 0 else { throw ProblemDetails.badRequest("Invalid throttling") }
      self.throttling = seconds
    }
    if let expires = payload["expiresAt"] {
      guard let text = expires.string, NGSILDSyntax.isDateTime(text), let at = SystemClock.parse(text) else {
        throw ProblemDetails.badRequest("expiresAt is not a DateTime")
      }
      expiresAt = at
    }
    if let active = payload["isActive"] {
      guard let flag = active.bool else { throw ProblemDetails.badRequest("isActive must be a boolean") }
      isActive = flag
    }
    if let list = payload["notificationTrigger"] {
      guard let names = list.array, !names.isEmpty,
        names.allSatisfy({ $0.string.map(Subscription.allTriggers.contains) ?? false })
      else { throw ProblemDetails.badRequest("Invalid notificationTrigger") }
      triggers = Set(names.compactMap(\.string))
    }
    if let lang = payload["lang"], lang.string == nil { throw ProblemDetails.badRequest("lang must be a string") }
  }

  var isExpired: Bool {
    guard let expiresAt else { return false }
    return expiresAt <= SystemClock.nowMilliseconds()
  }

  var status: String {
    if isExpired { return "expired" }
    return isActive ? "active" : "paused"
  }

  /// The subscription as GET answers it.
  /// The payload with entity types and attribute names as IRIs, so that a PATCH with another
  /// context (or none) keeps their meaning.
  var expandedPayload: JSONTree {
    var out = payload
    if var entities = out["entities"]?.array {
      for index in entities.indices {
        if let type = entities[index]["type"]?.string, NGSILDSyntax.isValidName(type) {
          entities[index]["type"] = .string(context.expand(type))
        }
      }
      out["entities"] = .array(entities)
    }
    if let watched { out["watchedAttributes"] = .array(watched.map(JSONTree.string)) }
    if let attributes { out["notification"]?["attributes"] = .array(attributes.map(JSONTree.string)) }
    return out
  }

  /// Names are compacted with the context of the request that reads it (clause 5.8.3).
  func render(sysAttrs: Bool, includeContext: Bool, context reader: ActiveContext) -> JSONTree {
    var out = payload
    if var entities = out["entities"]?.array {
      for index in entities.indices {
        if let type = entities[index]["type"]?.string, NGSILDSyntax.isValidName(type) {
          entities[index]["type"] = .string(reader.compact(context.expand(type)))
        }
      }
      out["entities"] = .array(entities)
    }
    if let watched { out["watchedAttributes"] = .array(watched.map { .string(reader.compact($0)) }) }
    if let attributes { out["notification"]?["attributes"] = .array(attributes.map { .string(reader.compact($0)) }) }
    out["status"] = .string(status)
    if out["notificationTrigger"] == nil {
      out["notificationTrigger"] = .array(["attributeCreated", "attributeUpdated"].map(JSONTree.string))
    }
    if var notification = out["notification"] {
      if timesSent > 0 { notification["timesSent"] = .number(timesSent) }
      if let lastNotification { notification["lastNotification"] = .string(lastNotification) }
      if let lastSuccess { notification["lastSuccess"] = .string(lastSuccess) }
      if let lastFailure { notification["lastFailure"] = .string(lastFailure) }
      if timesSent > 0 {
        notification["status"] = .string(lastFailure == nil || lastSuccess ?? "" > lastFailure! ? "ok" : "failed")
      }
      out["notification"] = notification
    }
    if sysAttrs {
      out["createdAt"] = .string(createdAt)
      out["modifiedAt"] = .string(modifiedAt)
    }
    if includeContext { out["@context"] = reader.contextValue }
    return out
  }

  /// Periodic subscriptions notify on their interval, not on changes.
  var isPeriodic: Bool { payload["timeInterval"] != nil }

  /// Whether a change of `entity` concerns this subscription.
  func selects(_ entity: StoredEntity) -> Bool {
    if !selectors.isEmpty {
      let hit = selectors.contains { selector in
        guard selector.types.matches(entity.types) else { return false }
        if let id = selector.id, id != entity.id { return false }
        if let pattern = selector.idPattern {
          guard let regex = try? Regex(pattern), (try? regex.wholeMatch(in: entity.id)) != nil else { return false }
        }
        return true
      }
      guard hit else { return false }
    }
    if let query, !query.matches(entity, context: context) { return false }
    if let geoQuery, !geoQuery.matches(entity) { return false }
    return true
  }
}
