import RenkeiCore
import RenkeiHTTP

/// Entities and attributes (clauses 5.6.1 to 5.6.6, 5.6.17, 5.6.18, 5.7.1).
extension NGSILDBroker {
  func createEntity(_ request: BrokerRequest) throws(ProblemDetails) -> HTTPResponseMessage {
    let (body, type) = try request.body()
    let context = try self.context(request, body: body, type: type)
    let entity = try EntityNormalizer(context: context, now: now()).entity(body)
    let change = try store.write(request.tenant, create: true) {
      (tenant: inout EntityStore.Tenant) throws(ProblemDetails) in
      guard tenant.entities[entity.id] == nil else {
        throw ProblemDetails(.alreadyExists, "Entity \(entity.id) already exists")
      }
      tenant.insert(entity)
      return EntityStore.Change(before: nil, after: entity, created: entity.attributes.map(\.name))
    }
    notify([change], tenant: request.tenant)
    return noContent(
      201, headers: [("Location", "/ngsi-ld/v1/entities/\(Self.pathEncoded(entity.id))")] + tenantHeader(request))
  }

  func retrieveEntity(_ request: BrokerRequest, _ id: String) throws(ProblemDetails) -> HTTPResponseMessage {
    let type = try request.acceptedType(allowGeoJSON: true)
    let context = try self.context(request)
    let representation = try self.representation(request, context: context, type: type)
    let entity = try store.read(request.tenant) { (tenant: EntityStore.Tenant) throws(ProblemDetails) in
      guard let entity = tenant.entities[id] else { throw ProblemDetails.notFound("Entity \(id) not found") }
      return entity
    }
    if let types = request.list("type") {
      guard types.map(context.expand).contains(where: entity.types.contains) else {
        throw ProblemDetails.notFound("Entity \(id) of the given type not found")
      }
    }
    if type == .geoJSON {
      let property = context.expand(request.parameter("geometryProperty") ?? "location")
      return answer(200, representation.feature(entity, geometryProperty: property), type: type, context: context)
    }
    if let attributes = representation.attributes, !attributes.contains(where: entity.hasAttribute) {
      throw ProblemDetails.notFound("Entity \(id) has none of the requested attributes")
    }
    let rendered = representation.render(entity)
    if representation.pick != nil || !representation.omit.isEmpty,
      rendered.keys.allSatisfy({ $0 == "@context" })
    {
      throw ProblemDetails.notFound("Nothing of entity \(id) is left after pick and omit")
    }
    return answer(200, rendered, type: type, context: context)
  }

  func deleteEntity(_ request: BrokerRequest, _ id: String) throws(ProblemDetails) -> HTTPResponseMessage {
    let change = try store.write(request.tenant, create: false) {
      (tenant: inout EntityStore.Tenant) throws(ProblemDetails) in
      guard let removed = tenant.remove(id) else { throw ProblemDetails.notFound("Entity \(id) not found") }
      return EntityStore.Change(before: removed, after: nil, deleted: removed.attributes.map(\.name))
    }
    notify([change], tenant: request.tenant)
    return noContent()
  }

  func replaceEntity(_ request: BrokerRequest, _ id: String) throws(ProblemDetails) -> HTTPResponseMessage {
    let (body, type) = try request.body()
    let context = try self.context(request, body: body, type: type)
    var replacement = try EntityNormalizer(context: context, now: now()).entity(body, requireId: false)
    if !replacement.id.isEmpty && replacement.id != id {
      throw ProblemDetails.badRequest("The id in the body differs from the id in the path")
    }
    replacement.id = id
    let change = try store.write(request.tenant, create: false) {
      (tenant: inout EntityStore.Tenant) throws(ProblemDetails) in
      guard let old = tenant.entities[id] else { throw ProblemDetails.notFound("Entity \(id) not found") }
      replacement.createdAt = old.createdAt
      replacement.servicePath = old.servicePath
      tenant.insert(replacement)
      let kept = Set(replacement.attributes.map(\.name))
      return EntityStore.Change(
        before: old, after: replacement, created: replacement.attributes.map(\.name).filter { !old.hasAttribute($0) },
        updated: replacement.attributes.map(\.name).filter(old.hasAttribute),
        deleted: old.attributes.map(\.name).filter { !kept.contains($0) })
    }
    notify([change], tenant: request.tenant)
    return noContent()
  }

  func mergeEntity(_ request: BrokerRequest, _ id: String) throws(ProblemDetails) -> HTTPResponseMessage {
    let (body, type) = try request.body(allowMergePatch: true)
    let context = try self.context(request, body: body, type: type)
    if let bodyId = body["id"]?.string, bodyId != id {
      throw ProblemDetails.badRequest("The id in the body differs from the id in the path")
    }
    let fragment = try EntityNormalizer(context: context, now: now()).fragment(body)
    let change = try store.write(request.tenant, create: false) {
      (tenant: inout EntityStore.Tenant) throws(ProblemDetails) in
      guard var entity = tenant.entities[id] else { throw ProblemDetails.notFound("Entity \(id) not found") }
      let result = Self.apply(fragment, to: &entity, mode: .merge)
      tenant.insert(entity)
      return result.change
    }
    notify([change], tenant: request.tenant)
    return noContent()
  }

  func appendAttributes(_ request: BrokerRequest, _ id: String) throws(ProblemDetails) -> HTTPResponseMessage {
    let (body, type) = try request.body()
    let context = try self.context(request, body: body, type: type)
    let fragment = try EntityNormalizer(context: context, now: now()).fragment(body)
    let mode: AttributeMode = request.options.contains("noOverwrite") ? .appendNoOverwrite : .append
    return try applyAttributes(request, id, fragment, mode: mode)
  }

  func updateAttributes(_ request: BrokerRequest, _ id: String) throws(ProblemDetails) -> HTTPResponseMessage {
    let (body, type) = try request.body(allowMergePatch: true)
    let context = try self.context(request, body: body, type: type)
    let fragment = try EntityNormalizer(context: context, now: now()).fragment(body)
    return try applyAttributes(request, id, fragment, mode: .update)
  }

  private func applyAttributes(
    _ request: BrokerRequest, _ id: String, _ fragment: EntityNormalizer.Fragment, mode: AttributeMode
  ) throws(ProblemDetails) -> HTTPResponseMessage {
    let result = try store.write(request.tenant, create: false) {
      (tenant: inout EntityStore.Tenant) throws(ProblemDetails) in
      guard var entity = tenant.entities[id] else { throw ProblemDetails.notFound("Entity \(id) not found") }
      let result = Self.apply(fragment, to: &entity, mode: mode)
      tenant.insert(entity)
      return result
    }
    notify([result.change], tenant: request.tenant)
    if result.notUpdated.isEmpty { return noContent() }
    let body = JSONTree.object([
      ("updated", .array(result.updated.map(JSONTree.string))),
      (
        "notUpdated",
        .array(
          result.notUpdated.map {
            .object([("attributeName", .string($0.0)), ("reason", .string($0.1))])
          })
      ),
    ])
    var headers = HTTPHeaderFields()
    headers.add("Content-Type", "application/json")
    return HTTPResponseMessage(status: 207, headers: headers, body: body.bytes())
  }

  func partialAttributeUpdate(_ request: BrokerRequest, _ id: String, _ attribute: String)
    throws(ProblemDetails) -> HTTPResponseMessage
  {
    let (body, type) = try request.body(allowMergePatch: true)
    let context = try self.context(request, body: body, type: type)
    let name = context.expand(attribute)
    let now = self.now()
    let normalizer = EntityNormalizer(context: context, now: now)
    let change = try store.write(request.tenant, create: false) {
      (tenant: inout EntityStore.Tenant) throws(ProblemDetails) in
      guard var entity = tenant.entities[id] else { throw ProblemDetails.notFound("Entity \(id) not found") }
      let datasetId = body["datasetId"]?.string
      guard let old = entity.instance(name, datasetId: datasetId) else {
        throw ProblemDetails.notFound("Attribute \(attribute) not found")
      }
      var patch = body
      patch["@context"] = nil
      if NGSILDSyntax.isNullMarker(patch) {
        let before = entity
        let rest = (entity.attribute(name) ?? []).filter { $0["datasetId"]?.string != datasetId }
        if rest.isEmpty { entity.removeAttribute(name) } else { entity.put(name, rest, replaceAll: true) }
        entity.modifiedAt = now
        tenant.insert(entity)
        return EntityStore.Change(before: before, after: entity, deleted: [name])
      }
      guard patch.keys.contains(where: { $0 != "datasetId" }) else {
        throw ProblemDetails.badRequest("The attribute fragment is empty")
      }
      if let newType = patch["type"]?.string, newType != old["type"]?.string {
        throw ProblemDetails.badRequest("The fragment's type differs from the attribute's type")
      }
      if patch["type"] == nil, let oldType = old["type"] { patch["type"] = oldType }
      // A fragment may carry only sub-attributes: the content stays.
      let content = NGSILDSyntax.contentMember[patch["type"]?.string ?? ""] ?? "value"
      if patch[content] == nil, let oldContent = old[content] { patch[content] = oldContent }
      let fresh = try normalizer.instance(attribute, patch)
      let before = entity
      entity.put(name, [Self.merged(fresh, over: old, now: now)])
      entity.modifiedAt = now
      tenant.insert(entity)
      return EntityStore.Change(before: before, after: entity, updated: [name])
    }
    notify([change], tenant: request.tenant)
    return noContent()
  }

  func replaceAttribute(_ request: BrokerRequest, _ id: String, _ attribute: String)
    throws(ProblemDetails) -> HTTPResponseMessage
  {
    let (body, type) = try request.body()
    let context = try self.context(request, body: body, type: type)
    let name = context.expand(attribute)
    let now = self.now()
    var payload = body
    payload["@context"] = nil
    let instances = try EntityNormalizer(context: context, now: now).attribute(attribute, payload)
    let change = try store.write(request.tenant, create: false) {
      (tenant: inout EntityStore.Tenant) throws(ProblemDetails) in
      guard var entity = tenant.entities[id] else { throw ProblemDetails.notFound("Entity \(id) not found") }
      guard entity.hasAttribute(name) else { throw ProblemDetails.notFound("Attribute \(attribute) not found") }
      let before = entity
      for var instance in instances {
        if let old = entity.instance(name, datasetId: instance["datasetId"]?.string) {
          instance["createdAt"] = old["createdAt"]
        }
        entity.put(name, [instance])
      }
      entity.modifiedAt = now
      tenant.insert(entity)
      return EntityStore.Change(before: before, after: entity, updated: [name])
    }
    notify([change], tenant: request.tenant)
    return noContent()
  }

  func deleteAttribute(_ request: BrokerRequest, _ id: String, _ attribute: String)
    throws(ProblemDetails) -> HTTPResponseMessage
  {
    let context = try self.context(request)
    let name = context.expand(attribute)
    let datasetId = request.parameter("datasetId")
    let deleteAll = request.parameter("deleteAll") == "true"
    let now = self.now()
    let change = try store.write(request.tenant, create: false) {
      (tenant: inout EntityStore.Tenant) throws(ProblemDetails) in
      guard var entity = tenant.entities[id] else { throw ProblemDetails.notFound("Entity \(id) not found") }
      if attribute == "scope" {
        guard entity.scope != nil else { throw ProblemDetails.notFound("The entity has no scope") }
        let before = entity
        entity.scope = nil
        entity.modifiedAt = now
        tenant.insert(entity)
        return EntityStore.Change(before: before, after: entity)
      }
      guard let instances = entity.attribute(name) else {
        throw ProblemDetails.notFound("Attribute \(attribute) not found")
      }
      let before = entity
      if deleteAll {
        entity.removeAttribute(name)
      } else {
        guard instances.contains(where: { $0["datasetId"]?.string == datasetId }) else {
          throw ProblemDetails.notFound("Attribute \(attribute) has no instance with that datasetId")
        }
        let rest = instances.filter { $0["datasetId"]?.string != datasetId }
        if rest.isEmpty { entity.removeAttribute(name) } else { entity.put(name, rest, replaceAll: true) }
      }
      entity.modifiedAt = now
      tenant.insert(entity)
      return EntityStore.Change(before: before, after: entity, deleted: [name])
    }
    notify([change], tenant: request.tenant)
    return noContent()
  }

  // MARK: Applying fragments

  enum AttributeMode: Sendable {
    /// Append: add or overwrite (5.6.3).
    case append
    /// Append with options=noOverwrite: existing attributes are kept.
    case appendNoOverwrite
    /// Update (5.6.2): only existing attributes.
    case update
    /// Merge (5.6.17): add, merge existing, delete on the NULL marker.
    case merge
  }

  struct ApplyResult: Sendable {
    var updated: [String] = []
    var notUpdated: [(String, String)] = []
    var change: EntityStore.Change
  }

  static func apply(_ fragment: EntityNormalizer.Fragment, to entity: inout StoredEntity, mode: AttributeMode)
    -> ApplyResult
  {
    let before = entity
    var result = ApplyResult(change: EntityStore.Change(before: before, after: nil))
    let now = SystemClock.now()
    if let types = fragment.types {
      for type in types where !entity.types.contains(type) { entity.types.append(type) }
    }
    if let scope = fragment.scope {
      switch mode {
      case .appendNoOverwrite:
        // With noOverwrite, appended scopes join the ones there (clause 4.18).
        var scopes = entity.scope.map { $0.array ?? [$0] } ?? []
        for item in scope.array ?? [scope] where !scopes.contains(item) { scopes.append(item) }
        entity.scope = scopes.count == 1 ? scopes[0] : .array(scopes)
        result.updated.append("scope")
      case .update where entity.scope == nil:
        result.notUpdated.append(("scope", "the entity has no scope"))
      default:
        entity.scope = scope
        result.updated.append("scope")
      }
    }
    for (term, name, instances, deleted) in fragment.attributes {
      guard let instances else {
        if let existing = entity.attribute(name) {
          let rest = existing.filter { !deleted.contains($0["datasetId"]?.string) }
          if rest.count == existing.count {
            result.notUpdated.append((term, "no instance with that datasetId"))
            continue
          }
          if rest.isEmpty { entity.removeAttribute(name) } else { entity.put(name, rest, replaceAll: true) }
          result.updated.append(term)
          result.change.deleted.append(name)
        } else if mode != .merge {
          result.notUpdated.append((term, "attribute does not exist"))
        }
        continue
      }
      let exists = entity.hasAttribute(name)
      switch mode {
      case .appendNoOverwrite where exists:
        let fresh = instances.filter { entity.instance(name, datasetId: $0["datasetId"]?.string) == nil }
        if fresh.isEmpty {
          result.notUpdated.append((term, "attribute exists and options=noOverwrite"))
          continue
        }
        entity.put(name, fresh)
      case .update where !exists:
        result.notUpdated.append((term, "attribute does not exist"))
        continue
      case .update:
        var missing = false
        for var instance in instances {
          guard let old = entity.instance(name, datasetId: instance["datasetId"]?.string) else {
            missing = true
            continue
          }
          instance["createdAt"] = old["createdAt"]
          entity.put(name, [instance])
        }
        if missing {
          result.notUpdated.append((term, "no instance with that datasetId"))
          continue
        }
      case .merge:
        for instance in instances {
          if let old = entity.instance(name, datasetId: instance["datasetId"]?.string) {
            entity.put(name, [merged(instance, over: old, now: now)])
          } else {
            entity.put(name, [instance])
          }
        }
      default:
        for var instance in instances {
          if let old = entity.instance(name, datasetId: instance["datasetId"]?.string) {
            instance["createdAt"] = old["createdAt"]
          }
          entity.put(name, [instance])
        }
      }
      result.updated.append(term)
      if exists { result.change.updated.append(name) } else { result.change.created.append(name) }
    }
    if !result.updated.isEmpty || fragment.types != nil { entity.modifiedAt = now }
    result.change.after = entity
    return result
  }

  /// `fresh` merged over `old`: members of `fresh` win, sub-attributes of `old` stay, createdAt stays.
  static func merged(_ fresh: JSONTree, over old: JSONTree, now: String) -> JSONTree {
    var out = old
    for (key, value) in fresh.members ?? [] where key != "createdAt" {
      if NGSILDSyntax.isNullMarker(value) && !NGSILDSyntax.attributeMembers.contains(key) {
        out[key] = nil
      } else {
        out[key] = value
      }
    }
    if fresh["type"]?.string != old["type"]?.string, let type = fresh["type"]?.string {
      // A changed attribute type brings its own content member.
      for (otherType, member) in NGSILDSyntax.contentMember
      where otherType != type && member != NGSILDSyntax.contentMember[type] {
        out[member] = nil
      }
    }
    out["modifiedAt"] = .string(now)
    return out
  }

  static func pathEncoded(_ id: String) -> String {
    var allowed = CharacterSetLite.unreserved
    allowed.insert(":")
    return id.unicodeScalars.map { allowed.contains($0) ? String($0) : $0.utf8Escaped }.joined()
  }
}

/// The characters left as they are in a path segment.
enum CharacterSetLite {
  static var unreserved: Set<Unicode.Scalar> {
    Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=@".unicodeScalars)
  }
}

extension Unicode.Scalar {
  /// Percent-encoded UTF-8 bytes.
  var utf8Escaped: String {
    String(self).utf8.map { byte in
      let hex = String(byte, radix: 16, uppercase: true)
      return "%" + (hex.count == 1 ? "0" + hex : hex)
    }.joined()
  }
}
