import Foundation
import RenkeiCore
import RenkeiHTTP

/// Batch operations (Orion API spec, "Batch Operations"): `POST /v2/op/update` and
/// `POST /v2/op/query`.
extension NGSIv2Broker {
  private struct BatchItem {
    var id: String
    var type: String?
    var attributes: [NGSIv2Entity.Attribute]
  }

  /// POST /v2/op/update: append, appendStrict, update, delete or replace, entity by entity.
  func batchUpdate(_ request: NGSIv2Request) throws(NGSIv2Error) -> Outcome {
    let options = try request.options(allowed: Self.writeOptions)
    let body = try request.json()
    guard let members = body.members else { throw .badRequest("payload must be a JSON object") }
    for (key, _) in members where key != "actionType" && key != "entities" {
      throw .badRequest("Invalid JSON payload, unrecognized field: \(key)")
    }
    guard let actionValue = body["actionType"] else { throw .badRequest("actionType is missing") }
    guard let action = actionValue.string,
      ["append", "appendStrict", "update", "delete", "replace"].contains(action)
    else {
      throw .badRequest("invalid update action type: right ones are: append, appendStrict, delete, replace, update")
    }
    guard let list = body["entities"]?.array else { throw .badRequest("entities must be a JSON array") }
    let now = now()
    let decoder = NGSIv2Decoder(keyValues: options.contains("keyValues"), now: now)
    var items: [BatchItem] = []
    for entity in list {
      guard entity.isObject else { throw .badRequest("entities items must be JSON objects") }
      guard let id = entity["id"]?.string else { throw .badRequest("entity id is missing or not a string") }
      try NGSIv2Syntax.checkIdentifier(id, "entity id")
      var type: String?
      if let value = entity["type"] {
        guard let text = value.string else { throw .badRequest("Invalid JSON type for entity type") }
        try NGSIv2Syntax.checkIdentifier(text, "entity type")
        type = text
      }
      let attributes: [NGSIv2Entity.Attribute]
      if action == "delete" {
        // Values are irrelevant for delete: only the names count.
        var names: [NGSIv2Entity.Attribute] = []
        for name in entity.keys where name != "id" && name != "type" {
          try NGSIv2Syntax.checkAttributeName(name)
          names.append(
            NGSIv2Entity.Attribute(name: name, type: "None", value: .null, dateCreated: now, dateModified: now))
        }
        attributes = names
      } else {
        attributes = try decoder.attributes(entity)
      }
      items.append(BatchItem(id: id, type: type, attributes: attributes))
    }
    let servicePath = try request.servicePathForUpdate()
    let scopes = try updateScopes(request)
    let forced = options.contains("forcedUpdate")
    let override = options.contains("overrideMetadata")
    return try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) -> Outcome in
      var working = tenant
      var changes: [Change] = []
      var missingEntities: [String] = []
      var failures: [String] = []
      var anySuccess = false
      var existingCount = 0
      for item in items {
        let label = Self.label(item.id, item.type)
        let at = try? Self.find(working, id: item.id, type: item.type, scopes: scopes)
        guard let at else {
          switch action {
          case "append", "appendStrict":
            // A timestamp of its own, so that creation order shows in dateCreated.
            let created = self.now()
            let entity = NGSIv2Entity(
              id: item.id, type: item.type ?? "Thing", servicePath: servicePath, attributes: item.attributes,
              dateCreated: created, dateModified: created)
            working.entities.append(entity)
            let names = item.attributes.map(\.name)
            changes.append(Change(entity: entity, alteration: .entityCreate, touched: names, changed: names))
            anySuccess = true
          default:
            missingEntities.append("\(label) - [entity itself]")
          }
          continue
        }
        existingCount += 1
        let old = working.entities[at]
        var entity = old
        var problems: [String] = []
        switch action {
        case "append", "appendStrict":
          for attribute in item.attributes {
            if action == "appendStrict" && old.attribute(attribute.name) != nil {
              problems.append(attribute.name)
            } else {
              entity.set(attribute, now: now, overrideMetadata: override)
            }
          }
        case "update":
          for attribute in item.attributes {
            if old.attribute(attribute.name) == nil {
              problems.append(attribute.name)
            } else {
              entity.set(attribute, now: now, overrideMetadata: override)
            }
          }
        case "replace":
          entity.attributes = item.attributes
          entity.dateModified = now
        default:  // delete
          if item.attributes.isEmpty {
            working.entities.remove(at: at)
            let names = old.attributes.map(\.name)
            changes.append(Change(entity: old, alteration: .entityDelete, touched: names, changed: names))
            anySuccess = true
            continue
          }
          for attribute in item.attributes {
            if let index = entity.index(of: attribute.name) {
              entity.attributes.remove(at: index)
              entity.dateModified = now
            } else {
              problems.append(attribute.name)
            }
          }
        }
        if entity.locationCount > 1 { throw NGSIv2Decoder.tooManyLocations }
        let done = item.attributes.map(\.name).filter { !problems.contains($0) }
        if !problems.isEmpty { failures.append("\(label) - [ \(problems.joined(separator: ", ")) ]") }
        if !done.isEmpty || action == "replace" || item.attributes.isEmpty {
          anySuccess = true
          working.entities[at] = entity
          let touched = action == "replace" ? Array(Set(old.attributes.map(\.name) + done)).sorted() : done
          changes.append(update(old, entity, touched: touched, forced: forced))
        }
      }
      tenant = working
      if missingEntities.isEmpty && failures.isEmpty { return (noContent(), changes) }
      let prefix =
        action == "appendStrict" ? "one or more of the attributes in the request already exist: " : "do not exist: "
      let description = prefix + (failures + missingEntities).joined(separator: ", ")
      if existingCount == 0 && action != "appendStrict" { throw .notFound(description) }
      if !anySuccess { throw .unprocessable(description) }
      return (NGSIv2Error.partialUpdate(description).response(), changes)
    }
  }

  /// POST /v2/op/query: entities, attrs, expression and metadata from the payload.
  func batchQuery(_ request: NGSIv2Request) throws(NGSIv2Error) -> HTTPResponseMessage {
    try request.checkAcceptsJSON()
    let options = try request.options(allowed: Self.readOptions)
    let body = try request.json()
    guard let members = body.members else { throw .badRequest("payload must be a JSON object") }
    var selectors: [NGSIv2Subscription.EntitySelector] = []
    var attributes: [String]?
    var metadata: [String]?
    var expression: JSONTree = .object([])
    func strings(_ value: JSONTree, _ field: String) throws(NGSIv2Error) -> [String] {
      guard let items = value.array, items.allSatisfy({ $0.string != nil }) else {
        throw .badRequest("\(field) must be an array of strings")
      }
      return items.compactMap(\.string)
    }
    for (key, value) in members {
      switch key {
      case "entities":
        guard let items = value.array else { throw .badRequest("entities must be an array") }
        for item in items {
          guard item.isObject else { throw .badRequest("entities items must be JSON objects") }
          var selector = NGSIv2Subscription.EntitySelector()
          for (field, text) in item.members ?? [] {
            guard let string = text.string else { throw .badRequest("entities \(field) must be a string") }
            switch field {
            case "id": selector.id = string
            case "type": selector.type = string
            case "idPattern", "typePattern":
              guard (try? NSRegularExpression(pattern: string)) != nil else {
                throw .badRequest("invalid regex for \(field)")
              }
              if field == "idPattern" { selector.idPattern = string } else { selector.typePattern = string }
            default: throw .badRequest("unrecognized field in entities: \(field)")
            }
          }
          if selector.id != nil && selector.idPattern != nil {
            throw .badRequest("id and idPattern exclude each other")
          }
          if selector.id == nil && selector.idPattern == nil {
            throw .badRequest("entities items need id or idPattern")
          }
          if selector.type != nil && selector.typePattern != nil {
            throw .badRequest("type and typePattern exclude each other")
          }
          selectors.append(selector)
        }
      case "attrs": attributes = try strings(value, key)
      case "metadata": metadata = try strings(value, key)
      case "expression":
        guard let fields = value.members else { throw .badRequest("expression must be a JSON object") }
        for (field, text) in fields {
          guard ["q", "mq", "georel", "geometry", "coords"].contains(field) else {
            throw .badRequest("unrecognized field in expression: \(field)")
          }
          guard text.string != nil else { throw .badRequest("expression \(field) must be a string") }
        }
        expression = value
      default: throw .badRequest("Invalid JSON payload, unrecognized field: \(key)")
      }
    }
    var filter = try NGSIv2Filter(
      ids: nil, types: nil, idPattern: nil, typePattern: nil, q: expression["q"]?.string, mq: expression["mq"]?.string,
      georel: expression["georel"]?.string, geometry: expression["geometry"]?.string,
      coords: expression["coords"]?.string, scopes: try request.servicePathsForQuery())
    filter.selectors = selectors
    let order = try NGSIv2Ordering(request.parameter("orderBy"), geo: filter.geo)
    let entities = try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      order.sorted(Self.queriedEntities(tenant, request).filter(filter.matches))
    }
    var representation = representation(request, options: options)
    representation.attributes = attributes.flatMap { $0.isEmpty ? nil : $0 }
    representation.metadata = metadata.flatMap { $0.isEmpty ? nil : $0 }
    return try page(entities.map { representation.render($0) }, request, count: options.contains("count"))
  }

  // MARK: Types

  /// `{"attrs": {name: {"types": [...]}}, "count": n}` for the entities of one type.
  static func typeInfo(_ entities: [NGSIv2Entity], detail: Bool) -> (attrs: JSONTree, count: Int) {
    var attrs: [(key: String, value: JSONTree)] = []
    var types: [String: [String]] = [:]
    for entity in entities {
      for attribute in entity.attributes {
        if types[attribute.name] == nil {
          types[attribute.name] = []
          attrs.append((attribute.name, .null))
        }
        if !(types[attribute.name] ?? []).contains(attribute.type) {
          types[attribute.name, default: []].append(attribute.type)
        }
      }
    }
    attrs.sort { $0.key < $1.key }
    let rendered = attrs.map { (key: String, _: JSONTree) -> (key: String, value: JSONTree) in
      (key, .object([("types", .array(detail ? (types[key] ?? []).sorted().map(JSONTree.string) : []))]))
    }
    return (.object(rendered), entities.count)
  }

  func listTypes(_ request: NGSIv2Request) throws(NGSIv2Error) -> HTTPResponseMessage {
    try request.checkAcceptsJSON()
    let options = try request.options(allowed: ["count", "values", "noAttrDetail"])
    let scopes = try request.servicePathsForQuery()
    let entities = try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      tenant.entities.filter { NGSIv2Request.servicePath($0.servicePath, matches: scopes) }
    }
    let names = Array(Set(entities.map(\.type))).sorted()
    let items: [JSONTree] = names.map { name in
      if options.contains("values") { return .string(name) }
      let info = Self.typeInfo(entities.filter { $0.type == name }, detail: !options.contains("noAttrDetail"))
      return .object([("type", .string(name)), ("attrs", info.attrs), ("count", .number(info.count))])
    }
    return try page(items, request, count: options.contains("count"))
  }

  func retrieveType(_ request: NGSIv2Request, _ type: String) throws(NGSIv2Error) -> HTTPResponseMessage {
    try request.checkAcceptsJSON()
    let options = try request.options(allowed: ["noAttrDetail"])
    try NGSIv2Syntax.checkIdentifier(type, "entity type")
    let scopes = try request.servicePathsForQuery()
    let entities = try withTenant(request.service) { (tenant: inout Tenant) throws(NGSIv2Error) in
      tenant.entities.filter { $0.type == type && NGSIv2Request.servicePath($0.servicePath, matches: scopes) }
    }
    guard !entities.isEmpty else { throw .notFound("Entity type not found") }
    let info = Self.typeInfo(entities, detail: !options.contains("noAttrDetail"))
    return json(200, .object([("attrs", info.attrs), ("count", .number(info.count))]))
  }
}
