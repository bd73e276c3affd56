import RenkeiCore
import RenkeiHTTP

/// Batch entity operations (clause 5.6.7 to 5.6.10, 5.6.20): each entity succeeds or fails on its
/// own; failures come back in a BatchOperationResult with status 207.
extension NGSILDBroker {
  func batch(_ request: BrokerRequest, _ operation: String) throws(ProblemDetails) -> HTTPResponseMessage {
    if operation == "query" { return try batchQuery(request) }
    guard ["create", "upsert", "update", "delete", "merge"].contains(operation) else {
      throw ProblemDetails.notFound("No batch operation \(operation)")
    }
    let (body, type) = try request.body()
    guard let items = body.array else { throw ProblemDetails.badRequest("A batch operation needs a JSON array") }
    guard !items.isEmpty else { throw ProblemDetails.badRequest("A batch operation needs at least one item") }
    var success: [String] = []
    var errors: [(String, ProblemDetails)] = []
    var changes: [EntityStore.Change] = []
    var created = 0
    let options = request.options

    if operation == "delete" {
      var seen: Set<String> = []
      for item in items {
        guard let id = item.string, NGSILDSyntax.isURI(id) else {
          errors.append((item.string ?? "\(item)", ProblemDetails.badRequest("Entity id is not a URI")))
          continue
        }
        if !seen.insert(id).inserted { continue }
        do throws(ProblemDetails) {
          let change = try store.write(request.tenant, create: false) {
            (tenant: inout EntityStore.Tenant) throws(ProblemDetails) in
            guard let removed = tenant.remove(id) else { throw ProblemDetails.notFound("Entity \(id) not found") }
            return EntityStore.Change(before: removed, after: nil, deleted: removed.attributes.map(\.name))
          }
          changes.append(change)
          success.append(id)
        } catch {
          errors.append((id, error))
        }
      }
    } else {
      var linkContext: ActiveContext?
      if type == .json { linkContext = try resolver.activeContext(request.linkContext) }
      var seen: Set<String> = []
      for item in items {
        let itemId = item["id"]?.string ?? ""
        do throws(ProblemDetails) {
          guard item.isObject else { throw ProblemDetails.badRequest("A batch item must be an entity object") }
          let context: ActiveContext
          if let linkContext { context = linkContext } else { context = try resolver.activeContext(item["@context"]) }
          let normalizer = EntityNormalizer(context: context, now: now())
          let entity = try normalizer.entity(item, requireType: operation == "create" || operation == "upsert")
          // A second occurrence of an id in one batch updates what the first one made.
          let duplicate = !seen.insert(entity.id).inserted
          let operation = duplicate && (operation == "create" || operation == "upsert") ? "update" : operation
          let fragment = try normalizer.fragment(item)
          let (change, wasCreated) = try store.write(
            request.tenant, create: operation == "create" || operation == "upsert"
          ) {
            (tenant: inout EntityStore.Tenant) throws(ProblemDetails) -> (EntityStore.Change, Bool) in
            let old = tenant.entities[entity.id]
            switch operation {
            case "create":
              guard old == nil else { throw ProblemDetails(.alreadyExists, "Entity \(entity.id) already exists") }
              tenant.insert(entity)
              return (EntityStore.Change(before: nil, after: entity, created: entity.attributes.map(\.name)), true)
            case "upsert":
              guard var existing = old else {
                tenant.insert(entity)
                return (EntityStore.Change(before: nil, after: entity, created: entity.attributes.map(\.name)), true)
              }
              if options.contains("update") {
                let result = Self.apply(fragment, to: &existing, mode: .append)
                tenant.insert(existing)
                return (result.change, false)
              }
              var replacement = entity
              replacement.createdAt = existing.createdAt
              tenant.insert(replacement)
              return (
                EntityStore.Change(
                  before: existing, after: replacement, created: [],
                  updated: replacement.attributes.map(\.name)), false
              )
            default:
              guard var existing = old else { throw ProblemDetails.notFound("Entity \(entity.id) not found") }
              let mode: AttributeMode =
                operation == "merge" ? .merge : (options.contains("noOverwrite") ? .appendNoOverwrite : .append)
              let result = Self.apply(fragment, to: &existing, mode: mode)
              tenant.insert(existing)
              return (result.change, false)
            }
          }
          changes.append(change)
          if duplicate { continue }
          if wasCreated { created += 1 }
          success.append(entity.id)
        } catch {
          errors.append((itemId, error))
        }
      }
    }
    notify(changes, tenant: request.tenant)
    if errors.isEmpty {
      switch operation {
      case "create":
        return jsonAnswer(201, .array(success.map(JSONTree.string)))
      case "upsert" where created > 0:
        let createdIds = changes.filter { $0.before == nil }.compactMap { $0.after?.id }
        return jsonAnswer(201, .array(createdIds.map(JSONTree.string)))
      default:
        return noContent()
      }
    }
    let result = JSONTree.object([
      ("success", .array(success.map(JSONTree.string))),
      (
        "errors",
        .array(
          errors.map { id, error in
            .object([("entityId", .string(id)), ("error", error.json)])
          })
      ),
    ])
    return jsonAnswer(207, result)
  }

  func jsonAnswer(_ status: Int, _ body: JSONTree) -> HTTPResponseMessage {
    var headers = HTTPHeaderFields()
    headers.add("Content-Type", "application/json")
    return HTTPResponseMessage(status: status, headers: headers, body: body.bytes())
  }
}
