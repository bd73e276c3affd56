/// The in-memory entities of every tenant (clause 4.14): tenants appear when something is created
/// in them; reading from one that does not exist is NonexistentTenant.
final class EntityStore: Sendable {
  struct Tenant: Sendable {
    /// Entities by key: the id, except for NGSI v2 entities that share the id of another one
    /// (v2 tells entities apart by id, type and service path; see `NGSIv2Broker.storeKey`).
    var entities: [String: StoredEntity] = [:]
    /// Keys in creation order, so queries page deterministically.
    var order: [String] = []

    /// The entities NGSI-LD shows: in a store shared by both faces, neither an NGSI v2 entity whose
    /// id is not a URI nor a second v2 entity with the id of another one.
    var all: [StoredEntity] {
      order.compactMap { key in entities[key].flatMap { $0.id == key && $0.visibleToNGSILD ? $0 : nil } }
    }

    /// Every entity, whatever face made it, with its key, in creation order.
    var keyed: [(key: String, entity: StoredEntity)] { order.compactMap { key in entities[key].map { (key, $0) } } }

    mutating func insert(_ entity: StoredEntity, key: String? = nil) {
      let key = key ?? entity.id
      if entities[key] == nil { order.append(key) }
      entities[key] = entity
    }

    mutating func remove(_ key: String) -> StoredEntity? {
      guard let entity = entities.removeValue(forKey: key) else { return nil }
      order.removeAll { $0 == key }
      return entity
    }
  }

  /// What an operation changed, for subscriptions.
  struct Change: Sendable {
    var before: StoredEntity?
    var after: StoredEntity?
    /// Expanded names of attributes created, updated or deleted.
    var created: [String] = []
    var updated: [String] = []
    var deleted: [String] = []
  }

  private let tenants = LockedValue<[String: Tenant]>(["": Tenant()])

  func exists(_ tenant: String) -> Bool { tenants.value[tenant] != nil }

  func ensure(_ tenant: String) {
    tenants.update { all in
      if all[tenant] == nil { all[tenant] = Tenant() }
    }
  }

  func read<Result: Sendable>(_ tenant: String, _ body: (Tenant) throws(ProblemDetails) -> Result)
    throws(ProblemDetails) -> Result
  {
    let state = tenants.value[tenant]
    guard let state else { throw ProblemDetails(.nonexistentTenant, "Tenant \(tenant) does not exist") }
    return try body(state)
  }

  /// Runs `body` on the tenant under the lock, making the tenant when missing; the tenant is
  /// changed only when `body` returns (the NGSI v2 face, whose errors are not ProblemDetails).
  func modify<Result: Sendable, Failure: Error>(
    _ tenant: String, _ body: (inout Tenant) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    try tenants.update { (all: inout [String: Tenant]) throws(Failure) -> Result in
      var state = all[tenant] ?? Tenant()
      let result = try body(&state)
      all[tenant] = state
      return result
    }
  }

  /// Runs `body` on the tenant under the lock; `create` makes the tenant first when missing.
  func write<Result: Sendable>(
    _ tenant: String, create: Bool, _ body: (inout Tenant) throws(ProblemDetails) -> Result
  ) throws(ProblemDetails) -> Result {
    try tenants.update { (all: inout [String: Tenant]) throws(ProblemDetails) -> Result in
      if all[tenant] == nil {
        guard create else { throw ProblemDetails(.nonexistentTenant, "Tenant \(tenant) does not exist") }
        all[tenant] = Tenant()
      }
      return try body(&all[tenant]!)
    }
  }
}
