import Foundation
import RenkeiCore

/// A GeoJSON geometry (RFC 7946) reduced to what geo-queries compare: points, line strings and
/// polygons (outer ring first), longitude before latitude.
struct Geometry: Sendable, Equatable {
  typealias Position = (lon: Double, lat: Double)

  enum Shape: Sendable, Equatable {
    case point
    case line
    case area
  }

  var type: String
  var points: [Position] = []
  var lines: [[Position]] = []
  var polygons: [[[Position]]] = []

  static func == (lhs: Geometry, rhs: Geometry) -> Bool {
    func same(_ a: [Position], _ b: [Position]) -> Bool {
      a.count == b.count && zip(a, b).allSatisfy { $0.lon == $1.lon && $0.lat == $1.lat }
    }
    return lhs.type == rhs.type && same(lhs.points, rhs.points) && lhs.lines.count == rhs.lines.count
      && zip(lhs.lines, rhs.lines).allSatisfy(same) && lhs.polygons.count == rhs.polygons.count
      && zip(lhs.polygons, rhs.polygons).allSatisfy { a, b in a.count == b.count && zip(a, b).allSatisfy(same) }
  }

  struct Invalid: Error {}

  /// A geometry from a GeoJSON object.
  init(_ value: JSONTree) throws(Invalid) {
    guard let type = value["type"]?.string, let coordinates = value["coordinates"] else { throw Invalid() }
    try self.init(type: type, coordinates: coordinates)
  }

  /// A geometry from the `geometry` and `coordinates` of a geo-query.
  init(type: String, coordinates: JSONTree) throws(Invalid) {
    self.type = type
    func position(_ tree: JSONTree) throws(Invalid) -> Position {
      guard let items = tree.array, (2...3).contains(items.count), let lon = items[0].double,
        let lat = items[1].double, abs(lon) <= 180, abs(lat) <= 90
      else { throw Invalid() }
      return (lon, lat)
    }
    func list(_ tree: JSONTree, minimum: Int) throws(Invalid) -> [Position] {
      guard let items = tree.array, items.count >= minimum else { throw Invalid() }
      var out: [Position] = []
      for item in items { out.append(try position(item)) }
      return out
    }
    func polygon(_ tree: JSONTree) throws(Invalid) -> [[Position]] {
      guard let rings = tree.array, !rings.isEmpty else { throw Invalid() }
      var out: [[Position]] = []
      for ring in rings {
        let positions = try list(ring, minimum: 4)
        guard let first = positions.first, let last = positions.last, first.lon == last.lon, first.lat == last.lat
        else { throw Invalid() }
        out.append(positions)
      }
      return out
    }
    switch type {
    case "Point": points = [try position(coordinates)]
    case "MultiPoint": points = try list(coordinates, minimum: 1)
    case "LineString": lines = [try list(coordinates, minimum: 2)]
    case "MultiLineString":
      guard let items = coordinates.array, !items.isEmpty else { throw Invalid() }
      for item in items { lines.append(try list(item, minimum: 2)) }
    case "Polygon": polygons = [try polygon(coordinates)]
    case "MultiPolygon":
      guard let items = coordinates.array, !items.isEmpty else { throw Invalid() }
      for item in items { polygons.append(try polygon(item)) }
    default: throw Invalid()
    }
  }

  var shape: Shape {
    if !polygons.isEmpty { return .area }
    if !lines.isEmpty { return .line }
    return .point
  }

  /// Every vertex.
  var vertices: [Position] { points + lines.flatMap { $0 } + polygons.flatMap { $0.flatMap { $0 } } }

  /// Every segment of lines and polygon rings.
  var segments: [(Position, Position)] {
    var out: [(Position, Position)] = []
    for line in lines + polygons.flatMap({ $0 }) where line.count > 1 {
      for i in 0..<(line.count - 1) { out.append((line[i], line[i + 1])) }
    }
    return out
  }

  // MARK: Predicates (planar on longitude/latitude, as most brokers do for small areas)

  /// Whether `p` is inside or on the boundary of one of the polygons (holes excluded).
  func covers(_ p: Position) -> Bool {
    polygons.contains { rings in
      guard let outer = rings.first, Self.inRing(p, outer) || Self.onRing(p, outer) else { return false }
      return !rings.dropFirst().contains { Self.inRing(p, $0) && !Self.onRing(p, $0) }
    }
  }

  static func inRing(_ p: Position, _ ring: [Position]) -> Bool {
    var inside = false
    var j = ring.count - 1
    for i in 0..<ring.count {
      let a = ring[i]
      let b = ring[j]
      if (a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon {
        inside.toggle()
      }
      j = i
    }
    return inside
  }

  static func onRing(_ p: Position, _ ring: [Position]) -> Bool {
    guard ring.count > 1 else { return false }
    for i in 0..<(ring.count - 1) where onSegment(p, ring[i], ring[i + 1]) { return true }
    return false
  }

  static func onSegment(_ p: Position, _ a: Position, _ b: Position) -> Bool {
    let cross = (b.lon - a.lon) * (p.lat - a.lat) - (b.lat - a.lat) * (p.lon - a.lon)
    guard abs(cross) < 1e-12 else { return false }
    return p.lon >= min(a.lon, b.lon) - 1e-12 && p.lon <= max(a.lon, b.lon) + 1e-12
      && p.lat >= min(a.lat, b.lat) - 1e-12 && p.lat <= max(a.lat, b.lat) + 1e-12
  }

  static func segmentsIntersect(_ p1: Position, _ p2: Position, _ q1: Position, _ q2: Position) -> Bool {
    func orientation(_ a: Position, _ b: Position, _ c: Position) -> Int {
      let value = (b.lat - a.lat) * (c.lon - b.lon) - (b.lon - a.lon) * (c.lat - b.lat)
      if abs(value) < 1e-15 { return 0 }
      return value > 0 ? 1 : 2
    }
    let o1 = orientation(p1, p2, q1)
    let o2 = orientation(p1, p2, q2)
    let o3 = orientation(q1, q2, p1)
    let o4 = orientation(q1, q2, p2)
    if o1 != o2 && o3 != o4 { return true }
    return onSegment(q1, p1, p2) || onSegment(q2, p1, p2) || onSegment(p1, q1, q2) || onSegment(p2, q1, q2)
  }

  func intersects(_ other: Geometry) -> Bool {
    for p in points {
      if other.points.contains(where: { $0.lon == p.lon && $0.lat == p.lat }) { return true }
      if other.segments.contains(where: { Self.onSegment(p, $0.0, $0.1) }) || other.covers(p) { return true }
    }
    for p in other.points {
      if segments.contains(where: { Self.onSegment(p, $0.0, $0.1) }) || covers(p) { return true }
    }
    let mine = segments
    let theirs = other.segments
    for a in mine {
      for b in theirs where Self.segmentsIntersect(a.0, a.1, b.0, b.1) { return true }
    }
    // One area inside the other without crossing edges.
    if vertices.contains(where: other.covers) || other.vertices.contains(where: covers) { return true }
    return false
  }

  /// Whether every part of `self` lies in `other` (an area; a point or line only contains equal parts).
  func isWithin(_ other: Geometry) -> Bool {
    if other.shape == .area {
      guard vertices.allSatisfy(other.covers) else { return false }
      // No edge may leave the area through a hole or a concave edge: check midpoints too.
      return segments.allSatisfy { other.covers((($0.0.lon + $0.1.lon) / 2, ($0.0.lat + $0.1.lat) / 2)) }
    }
    if other.shape == .line {
      return vertices.allSatisfy { p in other.segments.contains { Self.onSegment(p, $0.0, $0.1) } }
    }
    return vertices.allSatisfy { p in other.points.contains { $0.lon == p.lon && $0.lat == p.lat } }
  }

  func overlaps(_ other: Geometry) -> Bool {
    shape == other.shape && intersects(other) && !isWithin(other) && !other.isWithin(self)
  }

  /// The `near` relation of both NGSI-LD and NGSI v2: within `maxDistance` and beyond
  /// `minDistance` metres of the reference's first position.
  func isNear(_ reference: Geometry, maxDistance: Double?, minDistance: Double?) -> Bool {
    guard let p = reference.points.first else { return false }
    let distance = distance(from: p)
    if let maxDistance, distance > maxDistance { return false }
    if let minDistance, distance < minDistance { return false }
    return true
  }

  /// Great-circle distance in metres from `p` to the nearest part of this geometry.
  func distance(from p: Position) -> Double {
    if covers(p) { return 0 }
    var best = vertices.map { Self.haversine(p, $0) }.min() ?? .infinity
    for (a, b) in segments {
      // Project on the segment in a local equirectangular frame.
      let scale = cos(p.lat * .pi / 180)
      let ax = (a.lon - p.lon) * scale
      let ay = a.lat - p.lat
      let bx = (b.lon - p.lon) * scale
      let by = b.lat - p.lat
      let dx = bx - ax
      let dy = by - ay
      let length = dx * dx + dy * dy
      guard length > 0 else { continue }
      let t = max(0, min(1, -(ax * dx + ay * dy) / length))
      let q = (lon: p.lon + (ax + t * dx) / max(scale, 1e-9), lat: p.lat + ay + t * dy)
      best = min(best, Self.haversine(p, q))
    }
    return best
  }

  static func haversine(_ a: Position, _ b: Position) -> Double {
    let r = 6_371_008.8
    let dLat = (b.lat - a.lat) * .pi / 180
    let dLon = (b.lon - a.lon) * .pi / 180
    let h =
      sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * .pi / 180) * cos(b.lat * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
    return 2 * r * asin(min(1, sqrt(h)))
  }
}
