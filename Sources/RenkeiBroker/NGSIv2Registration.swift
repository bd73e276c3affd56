import Foundation
import RenkeiCore

/// An NGSI v2 context provider registration ("Registration payload datamodel"): the validated
/// payload, what it provides and what forwarding to its provider has done.
struct NGSIv2Registration: Sendable {
  var id: String
  var payload: JSONTree
  var forwarding = NGSIv2ForwardingInformation()

  static let topLevel: Set<String> = ["description", "provider", "dataProvided", "status", "expires"]
  static let forwardingModes: Set<String> = ["none", "query", "update", "all"]

  init(id: String, payload: JSONTree) throws(NGSIv2Error) {
    self.id = id
    guard let members = payload.members else { throw .badRequest("registration payload must be a JSON object") }
    for (key, _) in members where !Self.topLevel.contains(key) {
      throw .badRequest("unrecognized field in registration: \(key)")
    }
    if let description = payload["description"] {
      guard let text = description.string, !NGSIv2Syntax.hasForbidden(text) else {
        throw .badRequest("description must be a string without forbidden characters")
      }
    }
    guard let provider = payload["provider"], provider.isObject else { throw .badRequest("provider is missing") }
    for key in provider.keys where !["http", "supportedForwardingMode", "legacyForwarding"].contains(key) {
      throw .badRequest("unrecognized field in provider: \(key)")
    }
    guard let url = provider["http"]?["url"]?.string, let parsed = URL(string: url), let scheme = parsed.scheme,
      ["http", "https"].contains(scheme), parsed.host != nil
    else { throw .badRequest("provider.http.url must be an http URL") }
    if let mode = provider["supportedForwardingMode"] {
      guard let text = mode.string, Self.forwardingModes.contains(text) else {
        throw .badRequest("supportedForwardingMode must be none, query, update or all")
      }
    }
    if let legacy = provider["legacyForwarding"], legacy.bool == nil {
      throw .badRequest("legacyForwarding must be a boolean")
    }
    guard let data = payload["dataProvided"], data.isObject else { throw .badRequest("dataProvided is missing") }
    for key in data.keys where !["entities", "attrs", "expression"].contains(key) {
      throw .badRequest("unrecognized field in dataProvided: \(key)")
    }
    guard let entities = data["entities"]?.array, !entities.isEmpty else {
      throw .badRequest("dataProvided.entities must be a non-empty array")
    }
    for entity in entities {
      guard let fields = entity.members else { throw .badRequest("dataProvided.entities items must be objects") }
      for (key, value) in fields {
        guard ["id", "idPattern", "type", "typePattern"].contains(key), let text = value.string, !text.isEmpty else {
          throw .badRequest("invalid field in dataProvided.entities: \(key)")
        }
        if key == "id" || key == "type" { try NGSIv2Syntax.checkIdentifier(text, "entity \(key)") }
      }
      if (entity["id"] == nil) == (entity["idPattern"] == nil) {
        throw .badRequest("dataProvided.entities items need exactly one of id and idPattern")
      }
    }
    if let attrs = data["attrs"] {
      guard let names = attrs.array, names.allSatisfy({ $0.string != nil }) else {
        throw .badRequest("dataProvided.attrs must be an array of strings")
      }
      for name in names.compactMap(\.string) { try NGSIv2Syntax.checkAttributeName(name) }
    }
    if let status = payload["status"], status.string != "active" && status.string != "inactive" {
      throw .badRequest("status must be active or inactive")
    }
    if let expires = payload["expires"] {
      guard let text = expires.string, NGSIv2DateTime.parse(text) != nil else {
        throw .badRequest("expires is not a date")
      }
    }
    self.payload = payload
  }

  /// GET representation: the payload with its defaults.
  var rendered: JSONTree {
    var out: JSONTree = .object([("id", .string(id))])
    if let description = payload["description"] { out["description"] = description }
    out["dataProvided"] = payload["dataProvided"]
    var provider = payload["provider"] ?? .object([])
    if provider["supportedForwardingMode"] == nil { provider["supportedForwardingMode"] = .string("all") }
    if provider["legacyForwarding"] == nil { provider["legacyForwarding"] = .bool(false) }
    out["provider"] = provider
    out["status"] = payload["status"] ?? .string("active")
    if let expires = payload["expires"] { out["expires"] = expires }
    if let forwarding = forwarding.rendered { out["forwardingInformation"] = forwarding }
    return out
  }

  // MARK: What the provider serves

  /// `provider.http.url` without a trailing slash: the operation paths are appended to it.
  var providerURL: String {
    var url = payload["provider"]?["http"]?["url"]?.string ?? ""
    while url.hasSuffix("/") { url.removeLast() }
    return url
  }

  var forwardingMode: String { payload["provider"]?["supportedForwardingMode"]?.string ?? "all" }

  var forwardsQueries: Bool { forwardingMode == "all" || forwardingMode == "query" }

  var forwardsUpdates: Bool { forwardingMode == "all" || forwardingMode == "update" }

  /// `legacyForwarding`: the provider speaks NGSIv1 (queryContext, updateContext).
  var usesLegacyForwarding: Bool { payload["provider"]?["legacyForwarding"]?.bool == true }

  /// `dataProvided.entities` (id or idPattern, optional type).
  var entities: [NGSIv2Subscription.EntitySelector] {
    (payload["dataProvided"]?["entities"]?.array ?? []).map { item in
      NGSIv2Subscription.EntitySelector(
        id: item["id"]?.string, idPattern: item["idPattern"]?.string, type: item["type"]?.string)
    }
  }

  /// `dataProvided.attrs`; nil when absent or empty (every attribute).
  var attributes: [String]? {
    let names = (payload["dataProvided"]?["attrs"]?.array ?? []).compactMap(\.string)
    return names.isEmpty ? nil : names
  }

  /// Whether the registration provides this attribute of entities it covers.
  func provides(_ attribute: String) -> Bool { attributes?.contains(attribute) ?? true }

  /// The type the registration gives the entity with this id, if any.
  func type(for id: String) -> String? {
    entities.first { selector in
      selector.id == id
        || (selector.id == nil && selector.idPattern.map { NGSIv2Subscription.regexMatches($0, id) } == true)
    }?.type
  }

  /// Whether the registration covers the entity with this id and type (nil: unknown, not excluded).
  func covers(id: String, type: String?) -> Bool {
    entities.contains { selector in
      if let wanted = selector.type, let type, wanted != type { return false }
      if let exact = selector.id { return exact == id }
      return selector.idPattern.map { NGSIv2Subscription.regexMatches($0, id) } ?? false
    }
  }
}
