import RenkeiCore

/// Renders stored entities as a client asked (clause 4.5 and 5.7): normalized, concise or
/// key-values, with or without system attributes, restricted by `attrs`, `pick` and `omit`,
/// names compacted with the request's context.
struct EntityRepresentation: Sendable {
  enum Format: String, Sendable {
    case normalized, concise, keyValues
  }

  var format: Format = .normalized
  var sysAttrs = false
  var context: ActiveContext
  /// Expanded attribute names to keep (`attrs`); nil keeps all.
  var attributes: Set<String>?
  /// Top-level members to keep (`pick`, compacted names incl. id and type); nil keeps all.
  var pick: Set<String>?
  var omit: Set<String> = []
  /// Put `@context` in the body (ld+json answers).
  var includeContext = false
  /// Language for LanguageProperty (`lang`): turns them into Properties.
  var language: String?
  /// Instances to keep by datasetId (`datasetId` parameter; nil in the list is the default instance).
  var datasetIds: [String?]?

  func render(_ entity: StoredEntity) -> JSONTree {
    var out: [(key: String, value: JSONTree)] = []
    func keep(_ name: String) -> Bool { (pick?.contains(name) ?? true) && !omit.contains(name) }
    if keep("id") { out.append(("id", .string(entity.id))) }
    let types = entity.types.map { JSONTree.string(context.compact($0)) }
    if keep("type") { out.append(("type", types.count == 1 ? types[0] : .array(types))) }
    if let scope = entity.scope, keep("scope") { out.append(("scope", scope)) }
    if sysAttrs {
      out.append(("createdAt", .string(entity.createdAt)))
      out.append(("modifiedAt", .string(entity.modifiedAt)))
    }
    for (name, instances) in entity.attributes {
      if let attributes, !attributes.contains(name) { continue }
      let compact = context.compact(name)
      guard keep(compact) else { continue }
      var kept = instances
      if let datasetIds { kept = instances.filter { datasetIds.contains($0["datasetId"]?.string) } }
      if kept.isEmpty { continue }
      let rendered = kept.map { self.instance($0) }
      if format == .keyValues && rendered.count > 1 {
        out.append((compact, .array(rendered)))
      } else {
        out.append((compact, rendered.count == 1 ? rendered[0] : .array(rendered)))
      }
    }
    if includeContext { out.append(("@context", context.contextValue)) }
    return .object(out)
  }

  func instance(_ instance: JSONTree) -> JSONTree {
    let type = instance["type"]?.string ?? "Property"
    let content = NGSILDSyntax.contentMember[type] ?? "value"
    var payload = instance[content] ?? .null
    var renderedType = type
    var renderedContent = content
    var pickedLanguage: String?
    if type == "LanguageProperty", let language {
      (payload, pickedLanguage) = Self.pickLanguage(payload, language)
      renderedType = "Property"
      renderedContent = "value"
    }
    if type == "Relationship" || type == "VocabProperty" {
      payload = compactVocab(payload, isVocab: type == "VocabProperty")
    }
    if format == .keyValues {
      if type == "LanguageProperty" && language == nil { return .object([("languageMap", payload)]) }
      if type == "JsonProperty" { return .object([("json", payload)]) }
      return payload
    }
    var out: [(key: String, value: JSONTree)] = []
    if format == .normalized { out.append(("type", .string(renderedType))) }
    out.append((renderedContent, payload))
    if let pickedLanguage { out.append(("lang", .string(pickedLanguage))) }
    var hasExtra = false
    for (key, value) in instance.members ?? [] where key != "type" && key != content {
      switch key {
      case "createdAt", "modifiedAt":
        if sysAttrs { out.append((key, value)) }
      case "datasetId", "observedAt", "unitCode", "objectType", "lang":
        out.append((key, value))
        hasExtra = true
      default:
        out.append((context.compact(key), self.instance(value)))
        hasExtra = true
      }
    }
    if format == .concise && !hasExtra && !sysAttrs && renderedContent == "value" {
      // A Property or GeoProperty without sub-attributes is its bare value.
      return payload
    }
    return .object(out)
  }

  private func compactVocab(_ payload: JSONTree, isVocab: Bool) -> JSONTree {
    guard isVocab else { return payload }
    if let items = payload.array { return .array(items.map { compactVocab($0, isVocab: true) }) }
    if let text = payload.string { return .string(context.compact(text)) }
    return payload
  }

  /// The string for `language` (clause 4.15): that language, else `@none`, else the first one.
  static func pickLanguage(_ map: JSONTree, _ language: String) -> (JSONTree, String?) {
    guard let members = map.members, !members.isEmpty else { return (map, nil) }
    for wanted in language.split(separator: ",").map({ String($0.split(separator: ";")[0]) }) where wanted != "*" {
      if let match = members.first(where: { $0.key == wanted }) { return (match.value, wanted) }
    }
    if let fallback = members.first(where: { $0.key == "@none" }) { return (fallback.value, nil) }
    return (members[0].value, members[0].key)
  }

  /// A GeoJSON Feature of an entity (clause 4.5.17, Accept application/geo+json).
  func feature(_ entity: StoredEntity, geometryProperty: String) -> JSONTree {
    var properties = render(entity)
    let id = properties["id"] ?? .string(entity.id)
    properties["id"] = nil
    properties["@context"] = nil
    let geometry = entity.instance(geometryProperty, datasetId: nil)?["value"] ?? .null
    var out: [(key: String, value: JSONTree)] = [
      ("id", id), ("type", .string("Feature")), ("geometry", geometry), ("properties", properties),
    ]
    if includeContext { out.append(("@context", context.contextValue)) }
    return .object(out)
  }
}
