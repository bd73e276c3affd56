import Foundation
import RenkeiCore

/// An NGSI v2 subscription ("Subscription payload datamodel"): the validated payload plus the
/// delivery state that GET shows (timesSent, lastNotification, lastSuccess, lastFailure, ...).
struct NGSIv2Subscription: Sendable {
  struct EntitySelector: Sendable {
    var id: String?
    var idPattern: String?
    var type: String?
    var typePattern: String?

    func matches(_ entity: NGSIv2Entity) -> Bool {
      if let id, id != entity.id { return false }
      if let idPattern, !NGSIv2Subscription.regexMatches(idPattern, entity.id) { return false }
      if let type, type != entity.type { return false }
      if let typePattern, !NGSIv2Subscription.regexMatches(typePattern, entity.type) { return false }
      return true
    }
  }

  var id: String
  var servicePath: String
  /// The payload members as given (subject, notification, description, expires, status, throttling).
  var payload: JSONTree
  var entities: [EntitySelector] = []
  var conditionAttributes: [String] = []
  var query: NGSIv2Query?
  var metadataQuery: NGSIv2Query?
  var geoQuery: NGSIv2GeoQuery?
  var alterationTypes: Set<String> = ["entityCreate", "entityChange"]
  var status = "active"
  var expires: Int64?
  var throttling: Double = 0
  // Delivery state.
  var timesSent = 0
  var lastNotification: String?
  var lastNotificationMilliseconds: Int64?
  var lastSuccess: String?
  var lastSuccessCode: Int?
  var lastFailure: String?
  var lastFailureReason: String?
  var failsCounter = 0

  static let topLevel: Set<String> = ["description", "subject", "notification", "expires", "status", "throttling"]
  static let formats: Set<String> = [
    "normalized", "keyValues", "values", "simplifiedNormalized", "simplifiedKeyValues",
  ]

  static func regexMatches(_ pattern: String, _ text: String) -> Bool {
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
    return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }

  /// Validates a whole payload (creation) and reads it.
  init(id: String, servicePath: String, payload: JSONTree) throws(NGSIv2Error) {
    self.id = id
    self.servicePath = servicePath
    self.payload = .object([])
    try apply(payload, creating: true)
  }

  /// Merges the top-level members of `update` (PATCH) or reads a new payload, validating the result.
  mutating func apply(_ update: JSONTree, creating: Bool) throws(NGSIv2Error) {
    guard let members = update.members else { throw .badRequest("subscription payload must be a JSON object") }
    if !creating && members.isEmpty { throw .badRequest("empty subscription update") }
    var merged = payload
    for (key, value) in members {
      guard Self.topLevel.contains(key) else { throw .badRequest("unrecognized field in subscription: \(key)") }
      merged[key] = value
    }
    if creating {
      guard merged["subject"] != nil else { throw .badRequest("no subject for subscription") }
      guard merged["notification"] != nil else { throw .badRequest("no notification for subscription") }
    }
    try read(merged)
    payload = merged
  }

  private mutating func read(_ tree: JSONTree) throws(NGSIv2Error) {
    if let description = tree["description"] {
      guard let text = description.string else { throw .badRequest("description must be a string") }
      if text.count > 1024 { throw .badRequest("max description length exceeded") }
      if NGSIv2Syntax.hasForbidden(text) { throw .badRequest("Invalid characters in description") }
    }
    // subject
    guard let subject = tree["subject"], subject.isObject else { throw .badRequest("subject must be a JSON object") }
    for key in subject.keys where !["entities", "condition"].contains(key) {
      throw .badRequest("unrecognized field in subject: \(key)")
    }
    guard let list = subject["entities"]?.array, !list.isEmpty else {
      throw .badRequest("subject.entities must be a non-empty array")
    }
    entities = []
    for item in list {
      guard item.isObject else { throw .badRequest("subject.entities items must be JSON objects") }
      var selector = EntitySelector()
      for (key, value) in item.members ?? [] {
        guard let text = value.string, !text.isEmpty else {
          throw .badRequest("subject.entities \(key) must be a non-empty string")
        }
        switch key {
        case "id":
          try NGSIv2Syntax.checkIdentifier(text, "entity id")
          selector.id = text
        case "type":
          try NGSIv2Syntax.checkIdentifier(text, "entity type")
          selector.type = text
        case "idPattern", "typePattern":
          guard (try? NSRegularExpression(pattern: text)) != nil else { throw .badRequest("invalid regex for \(key)") }
          if key == "idPattern" { selector.idPattern = text } else { selector.typePattern = text }
        default: throw .badRequest("unrecognized field in subject.entities: \(key)")
        }
      }
      if selector.id == nil && selector.idPattern == nil { throw .badRequest("subject.entities needs id or idPattern") }
      if selector.id != nil && selector.idPattern != nil {
        throw .badRequest("subject.entities: id and idPattern exclude each other")
      }
      if selector.type != nil && selector.typePattern != nil {
        throw .badRequest("subject.entities: type and typePattern exclude each other")
      }
      entities.append(selector)
    }
    conditionAttributes = []
    query = nil
    metadataQuery = nil
    geoQuery = nil
    alterationTypes = ["entityCreate", "entityChange"]
    if let condition = subject["condition"] {
      guard let members = condition.members, !members.isEmpty else { throw .badRequest("condition must not be empty") }
      for (key, value) in members {
        switch key {
        case "attrs":
          guard let names = value.array?.compactMap(\.string), names.count == value.array?.count, !names.isEmpty else {
            throw .badRequest("condition.attrs must be a non-empty array of strings")
          }
          for name in names { try NGSIv2Syntax.checkIdentifier(name, "attribute name") }
          conditionAttributes = names
        case "expression":
          guard let fields = value.members, !fields.isEmpty else { throw .badRequest("expression must not be empty") }
          for (field, text) in fields {
            guard ["q", "mq", "georel", "geometry", "coords"].contains(field) else {
              throw .badRequest("unrecognized field in expression: \(field)")
            }
            guard let string = text.string, !string.isEmpty else {
              throw .badRequest("expression \(field) must be a non-empty string")
            }
          }
          if let q = value["q"]?.string { query = try NGSIv2Query(q) }
          if let mq = value["mq"]?.string { metadataQuery = try NGSIv2Query(mq, metadata: true) }
          geoQuery = try NGSIv2GeoQuery.from(
            georel: value["georel"]?.string, geometry: value["geometry"]?.string, coords: value["coords"]?.string)
        case "alterationTypes":
          let allowed: Set<String> = ["entityCreate", "entityChange", "entityUpdate", "entityDelete"]
          guard let names = value.array?.compactMap(\.string), names.count == value.array?.count,
            names.allSatisfy(allowed.contains)
          else { throw .badRequest("invalid alterationTypes") }
          alterationTypes = Set(names)
        case "notifyOnMetadataChange":
          guard value.bool != nil else { throw .badRequest("notifyOnMetadataChange must be a boolean") }
        default: throw .badRequest("unrecognized field in condition: \(key)")
        }
      }
    }
    // notification
    guard let notification = tree["notification"], notification.isObject else {
      throw .badRequest("notification must be a JSON object")
    }
    let transports = notification.keys.filter {
      ["http", "httpCustom", "mqtt", "mqttCustom", "kafka", "kafkaCustom"].contains($0)
    }
    guard transports.count == 1 else { throw .badRequest("notification needs exactly one of http or httpCustom") }
    guard transports[0] == "http" || transports[0] == "httpCustom" else {
      throw NGSIv2Error(422, "Unprocessable", "\(transports[0]) notifications are not supported by this broker")
    }
    let endpoint = notification[transports[0]] ?? .null
    guard let url = endpoint["url"]?.string, let parsed = URL(string: url), let scheme = parsed.scheme,
      ["http", "https"].contains(scheme), parsed.host != nil
    else { throw .badRequest("Invalid URL in notification \(transports[0])") }
    for (key, value) in notification.members ?? [] {
      switch key {
      case "http", "httpCustom": break
      case "attrs", "exceptAttrs", "metadata":
        guard let names = value.array?.compactMap(\.string), names.count == value.array?.count else {
          throw .badRequest("notification.\(key) must be an array of strings")
        }
        if key == "exceptAttrs" && names.isEmpty { throw .badRequest("notification.exceptAttrs must not be empty") }
      case "attrsFormat":
        guard let format = value.string, Self.formats.contains(format) else { throw .badRequest("invalid attrsFormat") }
      case "onlyChangedAttrs", "covered":
        guard value.bool != nil else { throw .badRequest("notification.\(key) must be a boolean") }
      case "maxFailsLimit":
        guard let number = value.double, number >= 0 else { throw .badRequest("maxFailsLimit must be a number") }
      case "timesSent", "lastNotification", "lastFailure", "lastSuccess", "lastFailureReason", "lastSuccessCode",
        "failsCounter":
        throw .badRequest("notification.\(key) is not editable")
      default: throw .badRequest("unrecognized field in notification: \(key)")
      }
    }
    if notification["attrs"] != nil && notification["exceptAttrs"] != nil {
      throw .badRequest("notification: attrs and exceptAttrs exclude each other")
    }
    if let expires = tree["expires"] {
      guard let text = expires.string, let milliseconds = NGSIv2DateTime.parse(text) else {
        throw .badRequest("expires is not a valid date")
      }
      self.expires = milliseconds
    } else {
      expires = nil
    }
    if let status = tree["status"] {
      guard let text = status.string, ["active", "inactive", "oneshot"].contains(text) else {
        throw .badRequest("status is not valid: it has to be either active, inactive or oneshot")
      }
      self.status = text
      failsCounter = 0
    }
    if let throttling = tree["throttling"] {
      guard let seconds = throttling.double, seconds >= 0 else {
        throw .badRequest("throttling must be a non-negative number")
      }
      self.throttling = seconds
    } else {
      throttling = 0
    }
  }

  /// The status shown: `expired` once `expires` has passed.
  func currentStatus(now: Int64) -> String {
    if let expires, expires <= now { return "expired" }
    return status
  }

  var notification: JSONTree { payload["notification"] ?? .object([]) }
  var attrsFormat: String { notification["attrsFormat"]?.string ?? "normalized" }

  /// GET representation: the payload with defaults and the delivery state.
  func render(now: Int64) -> JSONTree {
    var out: JSONTree = .object([("id", .string(id))])
    if let description = payload["description"] { out["description"] = description }
    var subject = payload["subject"] ?? .object([])
    var condition = subject["condition"] ?? .object([])
    if condition["attrs"] == nil { condition["attrs"] = .array([]) }
    if condition["notifyOnMetadataChange"] == nil { condition["notifyOnMetadataChange"] = .bool(true) }
    subject["condition"] = condition
    out["subject"] = subject
    var notification = self.notification
    if notification["attrs"] == nil && notification["exceptAttrs"] == nil { notification["attrs"] = .array([]) }
    if notification["onlyChangedAttrs"] == nil { notification["onlyChangedAttrs"] = .bool(false) }
    if notification["attrsFormat"] == nil { notification["attrsFormat"] = .string("normalized") }
    if notification["covered"] == nil { notification["covered"] = .bool(false) }
    if timesSent > 0 { notification["timesSent"] = .number(timesSent) }
    if let lastNotification { notification["lastNotification"] = .string(lastNotification) }
    if let lastSuccess { notification["lastSuccess"] = .string(lastSuccess) }
    if let lastSuccessCode { notification["lastSuccessCode"] = .number(lastSuccessCode) }
    if let lastFailure { notification["lastFailure"] = .string(lastFailure) }
    if let lastFailureReason { notification["lastFailureReason"] = .string(lastFailureReason) }
    if failsCounter > 0 { notification["failsCounter"] = .number(failsCounter) }
    out["notification"] = notification
    if let expires = payload["expires"] { out["expires"] = expires }
    out["status"] = .string(currentStatus(now: now))
    if let throttling = payload["throttling"] { out["throttling"] = throttling }
    return out
  }
}
