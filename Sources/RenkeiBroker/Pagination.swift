/// `limit`, `offset` and `count` of a query (clause 5.5.9) and the `Link` rel=next/prev headers of
/// a page.
struct Pagination: Sendable {
  var limit: Int
  var offset: Int
  var count: Bool

  init(_ request: BrokerRequest, defaultLimit: Int, maximumLimit: Int) throws(ProblemDetails) {
    limit = defaultLimit
    offset = 0
    if let text = request.parameter("limit") {
      guard let value = Int(text), value >= 0 else { throw ProblemDetails.badRequest("Invalid limit", detail: text) }
      guard value <= maximumLimit else {
        throw ProblemDetails(.tooManyResults, "limit is larger than \(maximumLimit)", detail: text)
      }
      limit = value
    }
    if let text = request.parameter("offset") {
      guard let value = Int(text), value >= 0 else { throw ProblemDetails.badRequest("Invalid offset", detail: text) }
      offset = value
    }
    if let text = request.parameter("count") {
      guard text == "true" || text == "false" else { throw ProblemDetails.badRequest("Invalid count", detail: text) }
      count = text == "true"
    } else {
      count = false
    }
    if limit == 0 && !count { throw ProblemDetails.badRequest("limit=0 is only allowed with count=true") }
  }

  func page<T>(_ items: [T]) -> [T] {
    guard offset < items.count else { return [] }
    return Array(items[offset..<min(items.count, offset + limit)])
  }

  /// Headers for a page of `total` results: the count and links to the neighbouring pages.
  func headers(total: Int, path: String, query: String) -> [(String, String)] {
    var out: [(String, String)] = []
    if count { out.append(("NGSILD-Results-Count", String(total))) }
    guard limit > 0 else { return out }
    func link(_ newOffset: Int, _ relation: String) -> String {
      var pairs = query.split(separator: "&").map(String.init).filter {
        !$0.hasPrefix("offset=") && !$0.hasPrefix("limit=")
      }
      pairs.append("limit=\(limit)")
      pairs.append("offset=\(newOffset)")
      return "<\(path)?\(pairs.joined(separator: "&"))>; rel=\"\(relation)\""
    }
    if offset > 0 { out.append(("Link", link(max(0, offset - limit), "prev"))) }
    if offset + limit < total { out.append(("Link", link(offset + limit, "next"))) }
    return out
  }
}
