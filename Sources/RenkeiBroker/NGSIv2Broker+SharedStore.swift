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
        let shown = entities.everyEntity.compactMap(mapping.v2Entity)
        tenant.entities = shown
        let result = try body(&tenant)
        let changes = try writeBack(shown: shown, written: tenant.entities, into: &entities)
        // The entities live in the store only.
        tenant.entities = []
        tenants[service] = tenant
        return (result, changes)
      }
    }
    if !changes.isEmpty { storeChangeListener.value?(changes, service) }
    return result
  }

  /// Stores the entities a request changed: `shown` is what it saw, `written` what it left.
  func writeBack(shown: [NGSIv2Entity], written: [NGSIv2Entity], into tenant: inout EntityStore.Tenant)
    throws(NGSIv2Error) -> [EntityStore.Change]
  {
    var seen: Set<String> = []
    for entity in written where !seen.insert(entity.id).inserted {
      // One store keys entities by id alone (NGSI-LD): the same id with another type or service
      // path is the same entity.
      throw .unprocessable("Already Exists")
    }
    var changes: [EntityStore.Change] = []
    let before = Dictionary(shown.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for old in shown where !seen.contains(old.id) {
      if let removed = tenant.remove(old.id) {
        changes.append(EntityStore.Change(before: removed, after: nil, deleted: removed.attributes.map(\.name)))
      }
    }
    for entity in written {
      let old = before[entity.id]
      if let old, old == entity { continue }
      let previous = tenant.entities[entity.id]
      let stored = mapping.storedEntity(entity, previous: previous, previousForm: old)
      tenant.insert(stored)
      var change = EntityStore.Change(before: previous, after: stored)
      for attribute in entity.attributes {
        let name = mapping.context.expand(attribute.name)
        if let was = old?.attribute(attribute.name) {
          if was != attribute { change.updated.append(name) }
        } else {
          change.created.append(name)
        }
      }
      for attribute in old?.attributes ?? [] where entity.attribute(attribute.name) == nil {
        change.deleted.append(mapping.context.expand(attribute.name))
      }
      changes.append(change)
    }
    return changes
  }

  /// Sends the v2 notifications that store changes made through NGSI-LD cause.
  func notifyStoreChanges(_ changes: [EntityStore.Change], service: String) {
    let v2Changes = changes.compactMap(mapping.v2Change)
    if !v2Changes.isEmpty { notify(v2Changes, service: service) }
  }
}
