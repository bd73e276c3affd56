import Foundation
import RenkeiCore

/// An NGSI-LD geo-query (ETSI GS CIM 009 clause 4.10): `georel`, `geometry`, `coordinates` and the
/// GeoProperty compared (`geoproperty`, `location` by default).
public struct GeoQuery: Sendable {
  public enum Relation: Sendable, Equatable {
    case near(maxDistance: Double?, minDistance: Double?)
    case within, contains, intersects, equals, disjoint, overlaps
  }

  public var relation: Relation
  var geometry: Geometry
  /// Expanded name of the GeoProperty.
  public var geoproperty: String

  /// Parses the three query parameters; all three are required together (clause 5.5.3).
  public init(georel: String, geometry: String, coordinates: String, geoproperty: String) throws(ProblemDetails) {
    let parts = georel.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
    switch parts[0] {
    case "near":
      var maxDistance: Double?
      var minDistance: Double?
      for modifier in parts.dropFirst() {
        let pair = modifier.components(separatedBy: "==")
        guard pair.count == 2, let distance = Double(pair[1]), distance >= 0 else {
          throw ProblemDetails.badRequest("Invalid georel", detail: georel)
        }
        if pair[0] == "maxDistance" {
          maxDistance = distance
        } else if pair[0] == "minDistance" {
          minDistance = distance
        } else {
          throw ProblemDetails.badRequest("Invalid georel modifier", detail: modifier)
        }
      }
      guard maxDistance != nil || minDistance != nil else {
        throw ProblemDetails.badRequest("near needs maxDistance or minDistance", detail: georel)
      }
      relation = .near(maxDistance: maxDistance, minDistance: minDistance)
    case "within" where parts.count == 1: relation = .within
    case "contains" where parts.count == 1: relation = .contains
    case "intersects" where parts.count == 1: relation = .intersects
    case "equals" where parts.count == 1: relation = .equals
    case "disjoint" where parts.count == 1: relation = .disjoint
    case "overlaps" where parts.count == 1: relation = .overlaps
    default: throw ProblemDetails.badRequest("Invalid georel", detail: georel)
    }
    guard let tree = try? JSONTree.parse(coordinates, maxDepth: 8) else {
      throw ProblemDetails.badRequest("Invalid coordinates", detail: coordinates)
    }
    do {
      self.geometry = try Geometry(type: geometry, coordinates: tree)
    } catch {
      throw ProblemDetails.badRequest("coordinates do not match the geometry \(geometry)", detail: coordinates)
    }
    if case .near = relation, self.geometry.type != "Point" {
      throw ProblemDetails.badRequest("near needs a Point geometry")
    }
    self.geoproperty = geoproperty
  }

  /// From the query parameters; nil when none of them is present.
  static func from(
    georel: String?, geometry: String?, coordinates: String?, geoproperty: String?, context: ActiveContext
  ) throws(ProblemDetails) -> GeoQuery? {
    if let geoproperty, !NGSILDSyntax.isValidName(geoproperty) {
      throw ProblemDetails.badRequest("Invalid geoproperty", detail: geoproperty)
    }
    if georel == nil && geometry == nil && coordinates == nil { return nil }
    guard let georel, let geometry, let coordinates else {
      throw ProblemDetails.badRequest("georel, geometry and coordinates must be given together")
    }
    return try GeoQuery(
      georel: georel, geometry: geometry, coordinates: coordinates,
      geoproperty: context.expand(geoproperty ?? "location"))
  }

  /// Whether `value` (a GeoJSON geometry) stands in this relation to the query geometry.
  func matches(_ value: JSONTree) -> Bool {
    guard let target = try? Geometry(value) else { return false }
    switch relation {
    case .near(let maxDistance, let minDistance):
      return target.isNear(geometry, maxDistance: maxDistance, minDistance: minDistance)
    case .within: return target.isWithin(geometry)
    case .contains: return geometry.isWithin(target)
    case .intersects: return target.intersects(geometry)
    case .equals: return target == geometry
    case .disjoint: return !target.intersects(geometry)
    case .overlaps: return target.overlaps(geometry)
    }
  }

  /// Whether an entity has a matching instance of the GeoProperty.
  func matches(_ entity: StoredEntity) -> Bool {
    guard let instances = entity.attribute(geoproperty) else { return false }
    return instances.contains { instance in instance["value"].map(matches) ?? false }
  }
}
