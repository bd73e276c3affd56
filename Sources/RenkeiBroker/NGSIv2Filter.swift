import Foundation
import RenkeiCore

/// The entity criteria of List Entities and `POST /v2/op/query`: ids, types, patterns, `q`, `mq`,
/// geo-query and service path scopes, ANDed ("List Entities").
struct NGSIv2Filter: Sendable {
  /// Alternatives from `POST /v2/op/query` `entities` (any one must match).
  var selectors: [NGSIv2Subscription.EntitySelector] = []
  var ids: Set<String>?
  var types: Set<String>?
  var idPattern: String?
  var typePattern: String?
  var query: NGSIv2Query?
  var metadataQuery: NGSIv2Query?
  var geo: NGSIv2GeoQuery?
  var scopes: [String]

  init(
    ids: [String]?, types: [String]?, idPattern: String?, typePattern: String?, q: String?, mq: String?,
    georel: String?, geometry: String?, coords: String?, scopes: [String]
  ) throws(NGSIv2Error) {
    self.ids = ids.map(Set.init)
    self.types = types.map(Set.init)
    for pattern in [idPattern, typePattern].compactMap({ $0 }) where (try? NSRegularExpression(pattern: pattern)) == nil
    {
      throw .badRequest("invalid regular expression: \(pattern)")
    }
    self.idPattern = idPattern
    self.typePattern = typePattern
    query = try q.map { (text: String) throws(NGSIv2Error) in try NGSIv2Query(text) }
    metadataQuery = try mq.map { (text: String) throws(NGSIv2Error) in try NGSIv2Query(text, metadata: true) }
    geo = try NGSIv2GeoQuery.from(georel: georel, geometry: geometry, coords: coords)
    self.scopes = scopes
  }

  func matches(_ entity: NGSIv2Entity) -> Bool {
    guard NGSIv2Request.servicePath(entity.servicePath, matches: scopes) else { return false }
    if !selectors.isEmpty && !selectors.contains(where: { $0.matches(entity) }) { return false }
    if let ids, !ids.contains(entity.id) { return false }
    if let types, !types.contains(entity.type) { return false }
    if let idPattern, !NGSIv2Subscription.regexMatches(idPattern, entity.id) { return false }
    if let typePattern, !NGSIv2Subscription.regexMatches(typePattern, entity.type) { return false }
    if let query, !query.matches(entity) { return false }
    if let metadataQuery, !metadataQuery.matches(entity) { return false }
    if let geo, !geo.matches(entity) { return false }
    return true
  }
}
