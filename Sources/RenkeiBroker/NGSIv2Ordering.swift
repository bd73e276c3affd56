import RenkeiCore

/// `orderBy` ("Ordering Results"): attributes, `id`, `type`, `dateCreated`, `dateModified` or
/// `geo:distance`, `!` for descending; values of different JSON types rank Null < Number <
/// String < Object < Array < Boolean, as in MongoDB. Without orderBy: creation order.
struct NGSIv2Ordering: Sendable {
  var keys: [(name: String, descending: Bool)] = []
  var geo: NGSIv2GeoQuery?

  init(_ text: String?, geo: NGSIv2GeoQuery?) throws(NGSIv2Error) {
    self.geo = geo
    guard let text else { return }
    var seen: Set<String> = []
    for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
      var name = String(raw).trimmingCharacters(in: .whitespaces)
      let descending = name.hasPrefix("!")
      if descending { name.removeFirst() }
      guard !name.isEmpty else { throw .badRequest("Empty item in orderBy") }
      guard seen.insert(name).inserted else { throw .badRequest("Repeated item in orderBy: \(name)") }
      if name == "geo:distance" {
        guard case .near = geo?.relation else { throw .badRequest("orderBy=geo:distance needs georel=near") }
      }
      keys.append((name, descending))
    }
  }

  /// Sort key value of an entity for one criterion.
  func value(_ name: String, _ entity: NGSIv2Entity) -> JSONTree {
    switch name {
    case "id": return .string(entity.id)
    case "type": return .string(entity.type)
    case "dateCreated": return .string(entity.dateCreated)
    case "dateModified": return .string(entity.dateModified)
    case "geo:distance": return .number(String(geo?.distance(entity) ?? .infinity))
    default: return entity.attribute(name)?.value ?? .null
    }
  }

  static func rank(_ value: JSONTree) -> Int {
    switch value {
    case .null: return 0
    case .number: return 1
    case .string: return 2
    case .object: return 3
    case .array: return 4
    case .bool: return 5
    }
  }

  static func compare(_ a: JSONTree, _ b: JSONTree) -> Int {
    let (ra, rb) = (rank(a), rank(b))
    if ra != rb { return ra < rb ? -1 : 1 }
    switch (a, b) {
    case (.number, .number):
      let (x, y) = (a.double ?? 0, b.double ?? 0)
      return x < y ? -1 : (x > y ? 1 : 0)
    case (.string(let x), .string(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
    default:
      let (x, y) = (a.description, b.description)
      return x < y ? -1 : (x > y ? 1 : 0)
    }
  }

  /// Stable: ties keep creation order.
  func sorted(_ entities: [NGSIv2Entity]) -> [NGSIv2Entity] {
    guard !keys.isEmpty else { return entities }
    let indexed = Array(entities.enumerated())
    return indexed.sorted { left, right in
      for key in keys {
        let order = Self.compare(value(key.name, left.element), value(key.name, right.element))
        if order != 0 { return key.descending ? order > 0 : order < 0 }
      }
      return left.offset < right.offset
    }.map(\.element)
  }
}
