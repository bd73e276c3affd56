import RenkeiCore

/// The v2 face over the entity store of the NGSI-LD face (`renkei serve both`): each request sees
/// the tenant's entities through `FaceMapping` and writes back only what it changed, so what only
/// NGSI-LD can hold (other datasetId instances, scope, extra types) stays.
extension NGSIv2Broker {
  /// `withTenant` over a shared store: the entity store's lock first, then the v2 state's (the
  /// NGSI-LD face never takes the second), so a request is atomic across both.
  func withSharedTenant<Result: Sendable>(
    _ store: EntityStore, _ service: String, _ body: (inout Tenant) throws(NGSIv2Error) -> Result
  ) throws(NGSIv2Error) -> Result {
    let (result, changes) = try store.modify(service) {
      (entities: inout EntityStore.Tenant) throws(NGSIv2Error) -> (Result, [EntityStore.Change]) in
      try state.update { (tenants: inout [String: Tenant]) throws(NGSIv2Error) -> (Result, [EntityStore.Change]) in
        var tenant = tenants[service] ?? Tenant()
        let shown = entities.keyed.compactMap { key, entity in mapping.v2Entity(entity).map { (key, $0) } }
        tenant.entities = shown.map(\.1)
        let result = try body(&tenant)
        let changes = writeBack(shown: shown, written: tenant.entities, into: &entities)
        // The entities live in the store only.
        tenant.entities = []
        tenants[service] = tenant
        return (result, changes)
      }
    }
    if !changes.isEmpty { storeChangeListener.value?(changes, service) }
    return result
  }

  /// The identity of a v2 entity: id, type and service path (a request changes neither type nor
  /// service path of an entity).
  struct Identity: Hashable {
    var id: String
    var type: String
    var servicePath: String

    init(_ entity: NGSIv2Entity) { (id, type, servicePath) = (entity.id, entity.type, entity.servicePath) }
  }

  /// The store key of a new v2 entity: its id, unless another entity has it already (v2 allows the
  /// same id with another type or service path; NGSI-LD, which keys by id alone, sees the first).
  static func storeKey(_ entity: NGSIv2Entity, in tenant: EntityStore.Tenant) -> String {
    guard tenant.entities[entity.id] != nil else { return entity.id }
    return [entity.id, entity.type, entity.servicePath].joined(separator: "\u{1F}")
  }

  /// Stores the entities a request changed: `shown` is what it saw (with store keys), `written`
  /// what it left. Returns the changes NGSI-LD can see.
  func writeBack(
    shown: [(key: String, entity: NGSIv2Entity)], written: [NGSIv2Entity], into tenant: inout EntityStore.Tenant
  ) -> [EntityStore.Change] {
    var before: [Identity: (key: String, entity: NGSIv2Entity)] = [:]
    for item in shown { before[Identity(item.entity)] = item }
    let kept = Set(written.map(Identity.init))
    var changes: [EntityStore.Change] = []
    func record(_ change: EntityStore.Change, key: String) {
      if let entity = change.after ?? change.before, entity.id == key { changes.append(change) }
    }
    for (key, old) in shown where !kept.contains(Identity(old)) {
      if let removed = tenant.remove(key) {
        record(EntityStore.Change(before: removed, after: nil, deleted: removed.attributes.map(\.name)), key: key)
      }
    }
    for entity in written {
      let known = before[Identity(entity)]
      if let known, known.entity == entity { continue }
      let key = known?.key ?? Self.storeKey(entity, in: tenant)
      let previous = known == nil ? nil : tenant.entities[key]
      let stored = mapping.storedEntity(entity, previous: previous, previousForm: known?.entity)
      tenant.insert(stored, key: key)
      var change = EntityStore.Change(before: previous, after: stored)
      for attribute in entity.attributes {
        let name = mapping.context.expand(attribute.name)
        if let was = known?.entity.attribute(attribute.name) {
          if was != attribute { change.updated.append(name) }
        } else {
          change.created.append(name)
        }
      }
      for attribute in known?.entity.attributes ?? [] where entity.attribute(attribute.name) == nil {
        change.deleted.append(mapping.context.expand(attribute.name))
      }
      record(change, key: key)
    }
    return changes
  }

  /// Sends the v2 notifications that store changes made through NGSI-LD cause.
  func notifyStoreChanges(_ changes: [EntityStore.Change], service: String) {
    let v2Changes = changes.compactMap(mapping.v2Change)
    if !v2Changes.isEmpty { notify(v2Changes, service: service) }
  }
}
