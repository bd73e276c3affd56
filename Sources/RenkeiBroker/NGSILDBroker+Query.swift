import Foundation
import RenkeiCore
import RenkeiHTTP

/// Query entities (5.7.2), batch query (5.7.2 via POST) and discovery of types and attributes
/// (5.7.5 to 5.7.10).
extension NGSILDBroker {
  /// What selects entities in a query.
  struct EntityFilter: Sendable {
    var ids: Set<String>?
    var idPattern: String?
    var types: TypeSelector?
    var attributes: [String]?
    var query: QueryLanguage?
    var geoQuery: GeoQuery?
    var scopes: [String]?

    func matches(_ entity: StoredEntity, context: ActiveContext) -> Bool {
      if let ids, !ids.contains(entity.id) { return false }
      if let idPattern {
        guard let regex = try? Regex(idPattern), (try? regex.firstMatch(in: entity.id)) != nil else { return false }
      }
      if let types, !types.matches(entity.types) { return false }
      if let attributes, !attributes.contains(where: entity.hasAttribute) { return false }
      if let query, !query.matches(entity, context: context) { return false }
      if let geoQuery, !geoQuery.matches(entity) { return false }
      if let scopes {
        let entityScopes = (entity.scope?.array ?? entity.scope.map { [$0] } ?? []).compactMap(\.string)
        // `,` separates alternatives, `;` scopes that must all match.
        let hit = scopes.contains { alternative in
          alternative.split(separator: ";").allSatisfy { scope in
            entityScopes.contains { NGSILDBroker.scope($0, matches: String(scope)) }
          }
        }
        if !hit { return false }
      }
      return true
    }
  }

  /// scopeQ matching (clause 4.19): `+` is one level, `#` any levels below; otherwise exact.
  static func scope(_ scope: String, matches query: String) -> Bool {
    let have = scope.split(separator: "/").map(String.init)
    let want = query.split(separator: "/").map(String.init)
    for (index, token) in want.enumerated() {
      if token == "#" { return have.count >= index }
      guard index < have.count else { return false }
      if token != "+" && token != have[index] { return false }
    }
    return have.count == want.count
  }

  func queryEntities(_ request: BrokerRequest) throws(ProblemDetails) -> HTTPResponseMessage {
    let type = try request.acceptedType(allowGeoJSON: true)
    let context = try self.context(request)
    let representation = try self.representation(request, context: context, type: type)
    var filter = EntityFilter()
    if let ids = request.list("id") {
      for id in ids where !NGSILDSyntax.isURI(id) { throw ProblemDetails.badRequest("Invalid id", detail: id) }
      filter.ids = Set(ids)
    }
    if let pattern = request.parameter("idPattern") {
      guard (try? Regex(pattern)) != nil else { throw ProblemDetails.badRequest("Invalid idPattern", detail: pattern) }
      filter.idPattern = pattern
    }
    if let text = request.parameter("type") { filter.types = try TypeSelector.parse(text, expand: context.expand) }
    if let attrs = try Self.names(request, "attrs") { filter.attributes = attrs.map(context.expand) }
    if let property = request.parameter("geometryProperty"), !NGSILDSyntax.isValidName(property) {
      throw ProblemDetails.badRequest("Invalid geometryProperty", detail: property)
    }
    if let q = request.parameter("q") { filter.query = try QueryLanguage.parse(q) }
    filter.geoQuery = try GeoQuery.from(
      georel: request.parameter("georel"), geometry: request.parameter("geometry"),
      coordinates: request.parameter("coordinates"), geoproperty: request.parameter("geoproperty"), context: context)
    if let scopeQ = request.parameter("scopeQ") {
      filter.scopes = scopeQ.split(whereSeparator: { $0 == "," || $0 == "|" }).map(String.init)
    }
    let unrestricted =
      filter.ids == nil && filter.idPattern == nil && filter.types == nil && filter.attributes == nil
      && filter.query == nil && filter.geoQuery == nil && filter.scopes == nil
    if unrestricted && request.parameter("local") != "true" {
      throw ProblemDetails.badRequest("A query needs at least one of id, idPattern, type, attrs, q or a geo-query")
    }
    let pagination = try Pagination(request, defaultLimit: defaultLimit, maximumLimit: maximumLimit)
    let datasetIds = representation.datasetIds
    let matches = try store.read(request.tenant) { (tenant: EntityStore.Tenant) throws(ProblemDetails) in
      tenant.all.filter { entity in
        guard filter.matches(entity, context: context) else { return false }
        guard let datasetIds else { return true }
        // Only entities with an instance from one of the datasets (clause 4.5.5).
        return entity.attributes.contains { attribute in
          (filter.attributes?.contains(attribute.name) ?? true)
            && attribute.instances.contains { datasetIds.contains($0["datasetId"]?.string) }
        }
      }
    }
    let page = pagination.page(matches)
    let headers =
      pagination.headers(total: matches.count, path: "/ngsi-ld/v1/entities", query: request.rawQuery)
    if type == .geoJSON {
      let property = context.expand(request.parameter("geometryProperty") ?? "location")
      var collection: [(key: String, value: JSONTree)] = [
        ("type", .string("FeatureCollection")),
        ("features", .array(page.map { representation.feature($0, geometryProperty: property) })),
      ]
      if representation.includeContext { collection.append(("@context", context.contextValue)) }
      return answer(200, .object(collection), type: type, context: context, headers: headers)
    }
    return answer(200, .array(page.map(representation.render)), type: type, context: context, headers: headers)
  }

  /// POST /entityOperations/query: a Query object in the body (clause 5.2.23).
  func batchQuery(_ request: BrokerRequest) throws(ProblemDetails) -> HTTPResponseMessage {
    let responseType = try request.acceptedType(allowGeoJSON: true)
    let (body, type) = try request.body()
    let context = try self.context(request, body: body, type: type)
    guard body["type"]?.string == "Query" else { throw ProblemDetails.badRequest("The body must be a Query") }
    var filter = EntityFilter()
    var selectors: [(id: String?, pattern: String?, type: String?)] = []
    if let entities = body["entities"] {
      guard let items = entities.array else { throw ProblemDetails.badRequest("entities must be an array") }
      for item in items {
        selectors.append((item["id"]?.string, item["idPattern"]?.string, item["type"]?.string.map(context.expand)))
      }
    }
    if let attrs = body["attrs"]?.array { filter.attributes = attrs.compactMap(\.string).map(context.expand) }
    if let q = body["q"]?.string { filter.query = try QueryLanguage.parse(q) }
    if let geo = body["geoQ"] {
      guard let georel = geo["georel"]?.string, let geometry = geo["geometry"]?.string,
        let coordinates = geo["coordinates"]
      else { throw ProblemDetails.badRequest("geoQ needs georel, geometry and coordinates") }
      filter.geoQuery = try GeoQuery(
        georel: georel, geometry: geometry, coordinates: coordinates.string ?? coordinates.description,
        geoproperty: context.expand(geo["geoproperty"]?.string ?? "location"))
    }
    if selectors.isEmpty && filter.attributes == nil && filter.query == nil && filter.geoQuery == nil {
      throw ProblemDetails.badRequest("A query needs entities, attrs, q or geoQ")
    }
    var representation = try self.representation(request, context: context, type: responseType)
    if let attrs = filter.attributes { representation.attributes = Set(attrs) }
    let pagination = try Pagination(request, defaultLimit: defaultLimit, maximumLimit: maximumLimit)
    let matches = try store.read(request.tenant) { (tenant: EntityStore.Tenant) throws(ProblemDetails) in
      tenant.all.filter { entity in
        guard filter.matches(entity, context: context) else { return false }
        if selectors.isEmpty { return true }
        return selectors.contains { selector in
          if let id = selector.id, id != entity.id { return false }
          if let type = selector.type, !entity.types.contains(type) { return false }
          if let pattern = selector.pattern {
            guard let regex = try? Regex(pattern), (try? regex.firstMatch(in: entity.id)) != nil else { return false }
          }
          return true
        }
      }
    }
    let headers = pagination.headers(
      total: matches.count, path: "/ngsi-ld/v1/entityOperations/query", query: request.rawQuery)
    let page = pagination.page(matches)
    if responseType == .geoJSON {
      let property = context.expand(request.parameter("geometryProperty") ?? "location")
      var collection: [(key: String, value: JSONTree)] = [
        ("type", .string("FeatureCollection")),
        ("features", .array(page.map { representation.feature($0, geometryProperty: property) })),
      ]
      if representation.includeContext { collection.append(("@context", context.contextValue)) }
      return answer(200, .object(collection), type: responseType, context: context, headers: headers)
    }
    return answer(200, .array(page.map(representation.render)), type: responseType, context: context, headers: headers)
  }

  // MARK: Discovery

  func discovery(_ request: BrokerRequest) throws(ProblemDetails) -> HTTPResponseMessage {
    let type = try request.acceptedType()
    let context = try self.context(request)
    let entities = try store.read(request.tenant) { (tenant: EntityStore.Tenant) throws(ProblemDetails) in tenant.all }
    let details = request.parameter("details") == "true"
    let ld = type == .jsonLD
    func finish(_ object: JSONTree) -> JSONTree {
      guard ld else { return object }
      if let items = object.array {
        return .array(
          items.map { item in
            var item = item
            item["@context"] = context.contextValue
            return item
          })
      }
      var object = object
      object["@context"] = context.contextValue
      return object
    }
    func unique(_ names: [String]) -> [String] {
      var seen: Set<String> = []
      return names.filter { seen.insert($0).inserted }
    }
    let kind = request.segments[0]
    if request.segments.count == 2 {
      let name = context.expand(request.segments[1])
      if kind == "types" {
        let matching = entities.filter { $0.types.contains(name) }
        guard !matching.isEmpty else { throw ProblemDetails.notFound("No entity of type \(request.segments[1])") }
        let attributes = unique(matching.flatMap { $0.attributes.map(\.name) })
        let details: [JSONTree] = attributes.map { attribute in
          let attributeTypes = unique(
            matching.flatMap { ($0.attribute(attribute) ?? []).compactMap { $0["type"]?.string } })
          return .object([
            ("id", .string(attribute)), ("type", .string("Attribute")),
            ("attributeName", .string(context.compact(attribute))),
            ("attributeTypes", .array(attributeTypes.map(JSONTree.string))),
          ])
        }
        return answer(
          200,
          finish(
            .object([
              ("id", .string(name)), ("type", .string("EntityTypeInfo")),
              ("typeName", .string(context.compact(name))), ("entityCount", .number(matching.count)),
              ("attributeDetails", .array(details)),
            ])), type: type, context: context)
      }
      let matching = entities.filter { $0.hasAttribute(name) }
      guard !matching.isEmpty else { throw ProblemDetails.notFound("No attribute \(request.segments[1])") }
      return answer(200, finish(attributeInfo(name, matching, context)), type: type, context: context)
    }
    if kind == "types" {
      let types = unique(entities.flatMap(\.types))
      if details {
        let list: [JSONTree] = types.map { typeName in
          let attributes = unique(entities.filter { $0.types.contains(typeName) }.flatMap { $0.attributes.map(\.name) })
          return .object([
            ("id", .string(typeName)), ("type", .string("EntityType")),
            ("typeName", .string(context.compact(typeName))),
            ("attributeNames", .array(attributes.map { .string(context.compact($0)) })),
          ])
        }
        return answer(200, finish(.array(list)), type: type, context: context)
      }
      return answer(
        200,
        finish(
          .object([
            ("id", .string("urn:ngsi-ld:EntityTypeList:\(UUID().uuidString.lowercased())")),
            ("type", .string("EntityTypeList")),
            ("typeList", .array(types.map { .string(context.compact($0)) })),
          ])), type: type, context: context)
    }
    let attributes = unique(entities.flatMap { $0.attributes.map(\.name) })
    if details {
      let list = attributes.map { name in
        var info = attributeInfo(name, entities.filter { $0.hasAttribute(name) }, context)
        // The list form carries names and types only (clause 5.7.8).
        info["attributeCount"] = nil
        info["attributeTypes"] = nil
        return info
      }
      return answer(200, finish(.array(list)), type: type, context: context)
    }
    return answer(
      200,
      finish(
        .object([
          ("id", .string("urn:ngsi-ld:AttributeList:\(UUID().uuidString.lowercased())")),
          ("type", .string("AttributeList")),
          ("attributeList", .array(attributes.map { .string(context.compact($0)) })),
        ])), type: type, context: context)
  }

  private func attributeInfo(_ name: String, _ entities: [StoredEntity], _ context: ActiveContext) -> JSONTree {
    var types: [String] = []
    var attributeTypes: [String] = []
    var count = 0
    for entity in entities {
      for type in entity.types where !types.contains(type) { types.append(type) }
      for instance in entity.attribute(name) ?? [] {
        count += 1
        if let type = instance["type"]?.string, !attributeTypes.contains(type) { attributeTypes.append(type) }
      }
    }
    return .object([
      ("id", .string(name)), ("type", .string("Attribute")), ("attributeName", .string(context.compact(name))),
      ("attributeCount", .number(count)), ("attributeTypes", .array(attributeTypes.map(JSONTree.string))),
      ("typeNames", .array(types.map { .string(context.compact($0)) })),
    ])
  }
}
