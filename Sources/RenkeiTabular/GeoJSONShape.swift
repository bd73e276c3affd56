import RenkeiCore

/// The shape checks behind Table Schema's `geojson` type: a GeoJSON object (RFC 7946 §3) with
/// the members its type requires, and positions of two or three numbers; or, with the
/// `topojson` format, a TopoJSON topology (`type`, `objects`, `arcs`).
enum GeoJSONShape {
  static func isGeoJSON(_ value: JSONValue) -> Bool {
    guard value.kind == .object, let type = value["type"]?.string else { return false }
    switch type {
    case "Feature":
      guard let geometry = value["geometry"], geometry.isNull || isGeometry(geometry) else { return false }
      guard let properties = value["properties"], properties.isNull || properties.kind == .object else {
        return false
      }
      return true
    case "FeatureCollection":
      guard let features = value["features"], features.kind == .array else { return false }
      return features.elements.allSatisfy { $0["type"]?.string == "Feature" && isGeoJSON($0) }
    default:
      return isGeometry(value)
    }
  }

  static func isGeometry(_ value: JSONValue) -> Bool {
    guard value.kind == .object, let type = value["type"]?.string else { return false }
    if type == "GeometryCollection" {
      guard let geometries = value["geometries"], geometries.kind == .array else { return false }
      return geometries.elements.allSatisfy(isGeometry)
    }
    guard let coordinates = value["coordinates"] else { return false }
    switch type {
    case "Point": return isPosition(coordinates)
    case "MultiPoint": return isList(coordinates, minimum: 0, isPosition)
    case "LineString": return isList(coordinates, minimum: 2, isPosition)
    case "MultiLineString": return isList(coordinates, minimum: 0) { isList($0, minimum: 2, isPosition) }
    case "Polygon": return isList(coordinates, minimum: 0, isRing)
    case "MultiPolygon": return isList(coordinates, minimum: 0) { isList($0, minimum: 0, isRing) }
    default: return false
    }
  }

  private static func isPosition(_ value: JSONValue) -> Bool {
    value.kind == .array && value.count >= 2 && value.elements.allSatisfy { $0.kind == .number }
  }

  private static func isRing(_ value: JSONValue) -> Bool { isList(value, minimum: 4, isPosition) }

  private static func isList(_ value: JSONValue, minimum: Int, _ element: (JSONValue) -> Bool) -> Bool {
    value.kind == .array && value.count >= minimum && value.elements.allSatisfy(element)
  }

  static func isTopology(_ value: JSONValue) -> Bool {
    guard value.kind == .object, value["type"]?.string == "Topology",
      let objects = value["objects"], objects.kind == .object, let arcs = value["arcs"], arcs.kind == .array
    else { return false }
    return true
  }
}
