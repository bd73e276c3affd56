import RenkeiCore

/// A geographical query of the Orion API spec ("Geographical Queries"): `georel` (near with
/// maxDistance/minDistance, coveredBy, intersects, equals, disjoint), `geometry` (point, line,
/// polygon, box) and `coords` as `lat,lon` pairs separated by `;` (latitude first, unlike GeoJSON).
struct NGSIv2GeoQuery: Sendable {
  enum Relation: Sendable, Equatable {
    case near(maxDistance: Double?, minDistance: Double?)
    case coveredBy, intersects, equals, disjoint
  }

  var relation: Relation
  var reference: Geometry

  /// nil when none of the three parameters is given; all three must come together.
  static func from(georel: String?, geometry: String?, coords: String?) throws(NGSIv2Error) -> NGSIv2GeoQuery? {
    if georel == nil && geometry == nil && coords == nil { return nil }
    guard let georel, let geometry, let coords else {
      throw .badRequest("georel, geometry and coords must be used together")
    }
    return try NGSIv2GeoQuery(georel: georel, geometry: geometry, coords: coords)
  }

  init(georel: String, geometry: String, coords: String) throws(NGSIv2Error) {
    let parts = georel.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
    switch parts[0] {
    case "near":
      var maxDistance: Double?
      var minDistance: Double?
      for modifier in parts.dropFirst() {
        let pair = modifier.split(separator: ":", maxSplits: 1).map(String.init)
        guard pair.count == 2, let distance = Double(pair[1]), distance >= 0 else {
          throw .badRequest("invalid georel modifier: \(modifier)")
        }
        switch pair[0] {
        case "maxDistance": maxDistance = distance
        case "minDistance": minDistance = distance
        default: throw .badRequest("invalid georel modifier: \(modifier)")
        }
      }
      guard maxDistance != nil || minDistance != nil else {
        throw .badRequest("georel near needs maxDistance or minDistance")
      }
      relation = .near(maxDistance: maxDistance, minDistance: minDistance)
    case "coveredBy" where parts.count == 1: relation = .coveredBy
    case "intersects" where parts.count == 1: relation = .intersects
    case "equals" where parts.count == 1: relation = .equals
    case "disjoint" where parts.count == 1: relation = .disjoint
    default: throw .badRequest("invalid georel: \(georel)")
    }
    var pairs: [JSONTree] = []
    for pair in coords.split(separator: ";", omittingEmptySubsequences: false) {
      let numbers = pair.split(separator: ",", omittingEmptySubsequences: false)
      guard numbers.count == 2, let lat = Double(numbers[0].trimmingCharacters(in: .whitespaces)),
        let lon = Double(numbers[1].trimmingCharacters(in: .whitespaces)), abs(lat) <= 90, abs(lon) <= 180
      else { throw .badRequest("invalid coords: \(coords)") }
      pairs.append(.array([.number(Self.lexeme(lon)), .number(Self.lexeme(lat))]))
    }
    do {
      switch geometry {
      case "point":
        guard pairs.count == 1 else { throw NGSIv2Error.badRequest("geometry point needs one coordinate pair") }
        reference = try Geometry(type: "Point", coordinates: pairs[0])
      case "line":
        guard pairs.count >= 2 else { throw NGSIv2Error.badRequest("geometry line needs two or more pairs") }
        reference = try Geometry(type: "LineString", coordinates: .array(pairs))
      case "polygon":
        guard pairs.count >= 4, pairs.first == pairs.last else {
          throw NGSIv2Error.badRequest("geometry polygon needs four or more pairs, the last equal to the first")
        }
        reference = try Geometry(type: "Polygon", coordinates: .array([.array(pairs)]))
      case "box":
        guard pairs.count == 2, let a = pairs[0].array, let b = pairs[1].array else {
          throw NGSIv2Error.badRequest("geometry box needs two coordinate pairs")
        }
        // Corners from the two opposite ones, closed.
        let ring: [JSONTree] = [
          .array([a[0], a[1]]), .array([b[0], a[1]]), .array([b[0], b[1]]), .array([a[0], b[1]]), .array([a[0], a[1]]),
        ]
        reference = try Geometry(type: "Polygon", coordinates: .array([.array(ring)]))
      default:
        throw NGSIv2Error.badRequest("invalid geometry: \(geometry)")
      }
    } catch let error as NGSIv2Error {
      throw error
    } catch {
      throw .badRequest("invalid coords for geometry \(geometry)")
    }
    if case .near = relation, reference.type != "Point" { throw .badRequest("georel near needs geometry point") }
  }

  static func lexeme(_ value: Double) -> String { String(value) }

  /// The GeoJSON geometry of a geo:json value; Feature and FeatureCollection (one feature) give
  /// their geometry ("GeoJSON").
  static func geometryValue(_ value: JSONTree) -> JSONTree? {
    switch value["type"]?.string {
    case "Feature": return value["geometry"]
    case "FeatureCollection":
      guard let features = value["features"]?.array, features.count == 1 else { return nil }
      return features[0]["geometry"]
    default: return value
    }
  }

  static func geometry(of value: JSONTree) -> Geometry? {
    guard let geometry = geometryValue(value) else { return nil }
    return try? Geometry(geometry)
  }

  /// Whether the entity's location stands in the relation; entities without one never match.
  func matches(_ entity: NGSIv2Entity) -> Bool {
    guard let location = entity.location, let target = Self.geometry(of: location.value) else { return false }
    switch relation {
    case .near(let maxDistance, let minDistance):
      return target.isNear(reference, maxDistance: maxDistance, minDistance: minDistance)
    case .coveredBy: return target.isWithin(reference)
    case .intersects: return target.intersects(reference)
    case .equals: return target == reference
    case .disjoint: return !target.intersects(reference)
    }
  }

  /// Distance from the reference point (for orderBy=geo:distance).
  func distance(_ entity: NGSIv2Entity) -> Double {
    guard let p = reference.points.first, let location = entity.location, let target = Self.geometry(of: location.value)
    else { return .infinity }
    return target.distance(from: p)
  }
}
