import Foundation
import RenkeiCore
import RenkeiHTTP

/// Entities, attributes and attribute values (Orion API spec, "Entities Operations",
/// "Attributes", "Attribute Value").
extension NGSIv2Broker {
  static let readOptions: Set<String> = ["keyValues", "values", "unique", "skipForwarding", "count"]
  static let writeOptions: Set<String> = ["keyValues", "overrideMetadata", "forcedUpdate", "flowControl"]

  // MARK: Lookup

  /// The index of the one entity with this id (and type) in the scopes: 404 when none, 409 when
  /// several ("Error Responses": TooManyResults).
  static func find(_ tenant: Tenant, id: String, type: String?, scopes: [String]) throws(NGSIv2Error) -> Int {
    let matches = tenant.entities.indices.filter { index in
      let entity = tenant.entities[index]
      return entity.id == id && (type == nil || entity.type == type)
        && NGSIv2Request.servicePath(entity.servicePath, matches: scopes)
    }
    guard let first = matches.first else { throw NGSIv2Error.entityNotFound }
    if matches.count > 1 {
      throw NGSIv2Error(409, "TooManyResults", "More than one matching entity. Please refine your query")
    }
    return first
  }

  /// Where an update looks for its entity: the given service path, or anywhere without the header.
  func updateScopes(_ request: NGSIv2Request) throws(NGSIv2Error) -> [String] {
    request.headers["Fiware-ServicePath"] == nil ? ["/#"] : [try request.servicePathForUpdate()]
  }

  func entityType(_ request: NGSIv2Request) throws(NGSIv2Error) -> String? {
    guard let type = request.parameter("type") else { return nil }
    try NGSIv2Syntax.checkIdentifier(type, "entity type")
    return type
  }

  func representation(_ request: NGSIv2Request, options: Set<String>) -> NGSIv2Representation {
    var representation = NGSIv2Representation()
    if options.contains("keyValues") { representation.mode = .keyValues }
    if options.contains("values") { representation.mode = .values }
    if options.contains("unique") { representation.mode = .unique }
    representation.attributes = request.list("attrs")
    representation.metadata = request.list("metadata")
    return representation
  }

  /// The names whose content differs between two versions of an entity.
  static func changedNames(_ names: [String], old: NGSIv2Entity?, new: NGSIv2Entity) -> [String] {
    names.filter { name in
      let before = old?.attribute(name)
      let after = new.attribute(name)
      switch (before, after) {
      case (nil, nil): return false
      case (let a?, let b?): return !a.sameContent(as: b)
      default: return true
      }
    }
  }

  func update(
    _ old: NGSIv2Entity, _ new: NGSIv2Entity, touched: [String], forced: Bool
  ) -> Change {
    let changed = Self.changedNames(touched, old: old, new: new)
    return Change(
      entity: new, alteration: changed.isEmpty && !forced ? .entityUpdate : .entityChange, touched: touched,
      changed: forced ? touched : changed)
  }

  // MARK: List and create

  func listEntities(_ request: NGSIv2Request) throws(NGSIv2Error) -> HTTPResponseMessage {
    try request.checkAcceptsJSON()
    let options = try request.options(allowed: Self.readOptions)
    if request.parameter("id") != nil && request.parameter("idPattern") != nil {
      throw .badRequest("Incompatible parameters: id, idPattern")
    }
    if request.parameter("type") != nil && request.parameter("typePattern") != nil {
      throw .badRequest("Incompatible parameters: type, typePattern")
    }
    let filter = try NGSIv2Filter(
      ids: request.list("id"), types: request.list("type"), idPattern: request.parameter("idPattern"),
      typePattern: request.parameter("typePattern"), q: request.parameter("q"), mq: request.parameter("mq"),
      georel: request.parameter("georel"), geometry: request.parameter("geometry"), coords: request.parameter("coords"),
      scopes: try request.servicePathsForQuery())
    let order = try NGSIv2Ordering(request.parameter("orderBy"), geo: filter.geo)
    let entities = try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      order.sorted(Self.queriedEntities(tenant, request).filter(filter.matches))
    }
    let representation = representation(request, options: options)
    return try page(entities.map { representation.render($0) }, request, count: options.contains("count"))
  }

  func createEntity(_ request: NGSIv2Request) throws(NGSIv2Error) -> Outcome {
    let options = try request.options(allowed: [
      "keyValues", "upsert", "overrideMetadata", "forcedUpdate", "flowControl",
    ])
    let body = try request.json()
    guard body.isObject else { throw .badRequest("payload must be a JSON object") }
    guard let idValue = body["id"] else { throw .badRequest("entity id is missing") }
    guard let id = idValue.string else { throw .badRequest("Invalid JSON type for entity id") }
    try NGSIv2Syntax.checkIdentifier(id, "entity id")
    var type = "Thing"
    if let typeValue = body["type"] {
      guard let text = typeValue.string else { throw .badRequest("Invalid JSON type for entity type") }
      try NGSIv2Syntax.checkIdentifier(text, "entity type")
      type = text
    }
    let now = now()
    let attributes = try NGSIv2Decoder(keyValues: options.contains("keyValues"), now: now).attributes(body)
    let servicePath = try request.servicePathForUpdate()
    return try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) -> Outcome in
      if let at = tenant.entities.firstIndex(where: { $0.id == id && $0.type == type && $0.servicePath == servicePath })
      {
        guard options.contains("upsert") else { throw .unprocessable("Already Exists") }
        let old = tenant.entities[at]
        var entity = old
        for attribute in attributes {
          entity.set(attribute, now: now, overrideMetadata: options.contains("overrideMetadata"))
        }
        if entity.locationCount > 1 { throw NGSIv2Decoder.tooManyLocations }
        tenant.entities[at] = entity
        return (
          noContent(), [update(old, entity, touched: attributes.map(\.name), forced: options.contains("forcedUpdate"))]
        )
      }
      let entity = NGSIv2Entity(
        id: id, type: type, servicePath: servicePath, attributes: attributes, dateCreated: now, dateModified: now)
      tenant.entities.append(entity)
      let location = "/v2/entities/\(Self.pathEscape(id))?type=\(Self.pathEscape(type))"
      let names = attributes.map(\.name)
      return (
        noContent(201, headers: [("Location", location)]),
        [Change(entity: entity, alteration: .entityCreate, touched: names, changed: names)]
      )
    }
  }

  static func pathEscape(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?&=")))
      ?? text
  }

  // MARK: One entity

  func retrieveEntity(_ request: NGSIv2Request, _ id: String, attributesOnly: Bool) throws(NGSIv2Error)
    -> HTTPResponseMessage
  {
    try request.checkAcceptsJSON()
    let options = try request.options(allowed: Self.readOptions)
    let type = try entityType(request)
    let scopes = try request.servicePathsForQuery()
    let entity = try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      try Self.queriedEntity(tenant, request, id: id, type: type, scopes: scopes)
    }
    return json(200, representation(request, options: options).render(entity, attributesOnly: attributesOnly))
  }

  func deleteEntity(_ request: NGSIv2Request, _ id: String) throws(NGSIv2Error) -> Outcome {
    _ = try request.options(allowed: [])
    let type = try entityType(request)
    let scopes = try updateScopes(request)
    return try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) -> Outcome in
      let at = try Self.find(tenant, id: id, type: type, scopes: scopes)
      let entity = tenant.entities.remove(at: at)
      let names = entity.attributes.map(\.name)
      return (noContent(), [Change(entity: entity, alteration: .entityDelete, touched: names, changed: names)])
    }
  }

  /// `E/T` or `E` in Unprocessable/PartialUpdate descriptions: the type only when the request gave it.
  static func label(_ id: String, _ type: String?) -> String { type.map { "\(id)/\($0)" } ?? id }

  /// POST /v2/entities/{id}/attrs: update or append, or strict append with `options=append`.
  func appendAttributes(_ request: NGSIv2Request, _ id: String) throws(NGSIv2Error) -> Outcome {
    let options = try request.options(allowed: Self.writeOptions.union(["append"]))
    let strict = options.contains("append")
    return try setAttributes(
      request, id, options: options, skip: { strict && $0.attribute($1) != nil },
      describe: { "one or more of the attributes in the request already exist: \($0)" })
  }

  /// PATCH /v2/entities/{id}/attrs: only existing attributes.
  func updateAttributes(_ request: NGSIv2Request, _ id: String) throws(NGSIv2Error) -> Outcome {
    let options = try request.options(allowed: Self.writeOptions)
    return try setAttributes(
      request, id, options: options, rejectEmpty: true, skip: { $0.attribute($1) == nil },
      describe: { "do not exist: \($0)" })
  }

  /// Sets the payload's attributes on the entity, leaving out those `skip` names: some left out is a
  /// PartialUpdate, all of them Unprocessable, both described by `describe("E/T - [ names ]")`.
  private func setAttributes(
    _ request: NGSIv2Request, _ id: String, options: Set<String>, rejectEmpty: Bool = false,
    skip: @escaping (NGSIv2Entity, String) -> Bool, describe: (String) -> String
  ) throws(NGSIv2Error) -> Outcome {
    let body = try request.json()
    let now = now()
    let attributes = try NGSIv2Decoder(keyValues: options.contains("keyValues"), now: now).attributes(body)
    if rejectEmpty && attributes.isEmpty { throw .badRequest("empty payload") }
    let type = try entityType(request)
    let scopes = try updateScopes(request)
    return try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) -> Outcome in
      let at = try Self.find(tenant, id: id, type: type, scopes: scopes)
      let old = tenant.entities[at]
      var entity = old
      var skipped: [String] = []
      for attribute in attributes {
        if skip(old, attribute.name) {
          skipped.append(attribute.name)
          continue
        }
        entity.set(attribute, now: now, overrideMetadata: options.contains("overrideMetadata"))
      }
      if entity.locationCount > 1 { throw NGSIv2Decoder.tooManyLocations }
      let description = describe("\(Self.label(id, type)) - [ \(skipped.joined(separator: ", ")) ]")
      if !skipped.isEmpty && skipped.count == attributes.count { throw .unprocessable(description) }
      tenant.entities[at] = entity
      let touched = attributes.map(\.name).filter { !skipped.contains($0) }
      let change = update(old, entity, touched: touched, forced: options.contains("forcedUpdate"))
      if !skipped.isEmpty { return (NGSIv2Error.partialUpdate(description).response(), [change]) }
      return (noContent(), [change])
    }
  }

  /// PUT /v2/entities/{id}/attrs: the payload's attributes become all the entity has.
  func replaceAttributes(_ request: NGSIv2Request, _ id: String) throws(NGSIv2Error) -> Outcome {
    let options = try request.options(allowed: Self.writeOptions)
    let body = try request.json()
    let now = now()
    let attributes = try NGSIv2Decoder(keyValues: options.contains("keyValues"), now: now).attributes(body)
    let type = try entityType(request)
    let scopes = try updateScopes(request)
    return try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) -> Outcome in
      let at = try Self.find(tenant, id: id, type: type, scopes: scopes)
      let old = tenant.entities[at]
      var entity = old
      entity.attributes = []
      for attribute in attributes {
        var attribute = attribute
        if let previous = old.attribute(attribute.name) { attribute.dateCreated = previous.dateCreated }
        entity.attributes.append(attribute)
      }
      entity.dateModified = now
      tenant.entities[at] = entity
      let touched = Array(Set(old.attributes.map(\.name) + attributes.map(\.name))).sorted()
      return (noContent(), [update(old, entity, touched: touched, forced: options.contains("forcedUpdate"))])
    }
  }

  // MARK: One attribute

  func retrieveAttribute(_ request: NGSIv2Request, _ id: String, _ name: String) throws(NGSIv2Error)
    -> HTTPResponseMessage
  {
    try request.checkAcceptsJSON()
    _ = try request.options(allowed: ["skipForwarding"])
    let type = try entityType(request)
    let scopes = try request.servicePathsForQuery()
    let entity = try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      try Self.queriedEntity(tenant, request, id: id, type: type, scopes: scopes)
    }
    guard let attribute = entity.attribute(name) else { throw NGSIv2Error.attributeNotFound }
    var representation = NGSIv2Representation()
    representation.metadata = request.list("metadata")
    return json(200, representation.attributeObject(attribute))
  }

  func updateAttribute(_ request: NGSIv2Request, _ id: String, _ name: String) throws(NGSIv2Error) -> Outcome {
    let options = try request.options(allowed: ["overrideMetadata", "forcedUpdate", "flowControl"])
    let body = try request.json()
    guard body.isObject else { throw .badRequest("attribute must be a JSON object") }
    let now = now()
    let attribute = try NGSIv2Decoder(now: now).attribute(name, body)
    let type = try entityType(request)
    let scopes = try updateScopes(request)
    return try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) -> Outcome in
      let at = try Self.find(tenant, id: id, type: type, scopes: scopes)
      let old = tenant.entities[at]
      guard old.attribute(name) != nil else { throw NGSIv2Error.attributeNotFound }
      var entity = old
      entity.set(attribute, now: now, overrideMetadata: options.contains("overrideMetadata"))
      if entity.locationCount > 1 { throw NGSIv2Decoder.tooManyLocations }
      tenant.entities[at] = entity
      return (noContent(), [update(old, entity, touched: [name], forced: options.contains("forcedUpdate"))])
    }
  }

  func deleteAttribute(_ request: NGSIv2Request, _ id: String, _ name: String) throws(NGSIv2Error) -> Outcome {
    _ = try request.options(allowed: [])
    let type = try entityType(request)
    let scopes = try updateScopes(request)
    return try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) -> Outcome in
      let at = try Self.find(tenant, id: id, type: type, scopes: scopes)
      let old = tenant.entities[at]
      guard let index = old.index(of: name) else { throw NGSIv2Error.attributeNotFound }
      var entity = old
      entity.attributes.remove(at: index)
      entity.dateModified = now()
      tenant.entities[at] = entity
      return (noContent(), [Change(entity: entity, alteration: .entityChange, touched: [name], changed: [name])])
    }
  }

  // MARK: Attribute value

  /// GET .../attrs/{name}/value: objects and arrays as JSON, other values as text/plain ("Get
  /// Attribute Value"), 406 when Accept excludes the type the value needs.
  func retrieveValue(_ request: NGSIv2Request, _ id: String, _ name: String) throws(NGSIv2Error) -> HTTPResponseMessage
  {
    _ = try request.options(allowed: ["skipForwarding"])
    let type = try entityType(request)
    let scopes = try request.servicePathsForQuery()
    let entity = try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      try Self.queriedEntity(tenant, request, id: id, type: type, scopes: scopes)
    }
    guard let attribute = entity.attribute(name) else { throw NGSIv2Error.attributeNotFound }
    let value = NGSIv2Representation.outputValue(attribute)
    let accepted = (request.headers["Accept"] ?? "*/*").lowercased().split(separator: ",").map {
      ($0.split(separator: ";").first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
    }
    let structured = value.isObject || value.array != nil
    for type in accepted {
      switch type {
      case "application/json" where structured, "*/*" where structured, "application/*" where structured:
        return json(200, value)
      case "text/plain", "text/*", "*/*":
        var headers = HTTPHeaderFields()
        headers.add("Content-Type", "text/plain")
        return HTTPResponseMessage(status: 200, headers: headers, body: value.bytes())
      default: continue
      }
    }
    throw NGSIv2Error(
      406, "NotAcceptable",
      structured ? "accepted MIME types: application/json, text/plain" : "accepted MIME types: text/plain")
  }

  /// PUT .../attrs/{name}/value: a JSON object or array, or text/plain read as string (quoted),
  /// boolean, null or number ("Update Attribute Value").
  func updateValue(_ request: NGSIv2Request, _ id: String, _ name: String) throws(NGSIv2Error) -> Outcome {
    let options = try request.options(allowed: ["forcedUpdate", "flowControl"])
    try request.checkLength()
    let contentType = try request.contentType(allowText: true)
    let value: JSONTree
    if contentType == "text/plain" {
      let text = String(decoding: request.body, as: UTF8.self)
      if text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") {
        value = .string(String(text.dropFirst().dropLast()))
      } else if text == "true" || text == "false" {
        value = .bool(text == "true")
      } else if text == "null" {
        value = .null
      } else if let number = try? JSONTree.parse(text), case .number = number {
        value = number
      } else {
        throw .badRequest("attribute value type not recognized: missing citation-marks or invalid number")
      }
    } else {
      let parsed = try request.json()
      guard parsed.isObject || parsed.array != nil else {
        throw .badRequest("attribute value as application/json must be a JSON object or array")
      }
      value = parsed
    }
    let now = now()
    let type = try entityType(request)
    let scopes = try updateScopes(request)
    return try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) -> Outcome in
      let at = try Self.find(tenant, id: id, type: type, scopes: scopes)
      let old = tenant.entities[at]
      guard let index = old.index(of: name) else { throw NGSIv2Error.attributeNotFound }
      var attribute = old.attributes[index]
      let unrestricted =
        attribute.type == "TextUnrestricted" || attribute.metadata("TextUnrestricted")?.value == .bool(true)
      if !unrestricted { try NGSIv2Syntax.checkValue(value) }
      try NGSIv2Decoder.checkSpecialType(attribute.type, value, attribute.metadata)
      attribute.value = value
      attribute.dateModified = now
      var entity = old
      entity.attributes[index] = attribute
      entity.dateModified = now
      tenant.entities[at] = entity
      return (noContent(), [update(old, entity, touched: [name], forced: options.contains("forcedUpdate"))])
    }
  }
}
