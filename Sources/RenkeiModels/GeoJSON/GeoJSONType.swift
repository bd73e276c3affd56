import RenkeiCore

/// The nine GeoJSON types (RFC 7946 §1.4). They are case-sensitive: "point" is not a type.
enum GeoJSONType: String, CaseIterable, Sendable {
  case feature = "Feature"
  case featureCollection = "FeatureCollection"
  case point = "Point"
  case multiPoint = "MultiPoint"
  case lineString = "LineString"
  case multiLineString = "MultiLineString"
  case polygon = "Polygon"
  case multiPolygon = "MultiPolygon"
  case geometryCollection = "GeometryCollection"

  /// The type a string value names exactly, matched on its bytes (this runs for every object;
  /// spelled out rather than looped over a static table, whose buffer every thread retained).
  static func named(_ value: JSONValue) -> GeoJSONType? {
    if value.stringEquals("Point") { return .point }
    if value.stringEquals("Polygon") { return .polygon }
    if value.stringEquals("Feature") { return .feature }
    if value.stringEquals("FeatureCollection") { return .featureCollection }
    if value.stringEquals("MultiPoint") { return .multiPoint }
    if value.stringEquals("LineString") { return .lineString }
    if value.stringEquals("MultiLineString") { return .multiLineString }
    if value.stringEquals("MultiPolygon") { return .multiPolygon }
    if value.stringEquals("GeometryCollection") { return .geometryCollection }
    return nil
  }

  /// The seven geometry types (§3.1).
  static let geometries: [GeoJSONType] = [
    .point, .multiPoint, .lineString, .multiLineString, .polygon, .multiPolygon, .geometryCollection,
  ]

  var isGeometry: Bool { self != .feature && self != .featureCollection }

  /// The type a differently-cased name was probably meant to be ("featurecollection").
  static func caseInsensitiveMatch(_ name: String) -> GeoJSONType? {
    let lower = name.lowercased()
    return allCases.first { $0.rawValue.lowercased() == lower }
  }

  /// The type that can replace a GeometryCollection whose parts are all of this type (§3.1.8).
  var multipart: GeoJSONType? {
    switch self {
    case .point, .multiPoint: return .multiPoint
    case .lineString, .multiLineString: return .multiLineString
    case .polygon, .multiPolygon: return .multiPolygon
    case .feature, .featureCollection, .geometryCollection: return nil
    }
  }

  /// What the "coordinates" member holds, for messages.
  var coordinatesShape: String {
    switch self {
    case .point: return "a position [longitude, latitude]"
    case .multiPoint: return "an array of positions"
    case .lineString: return "an array of two or more positions"
    case .multiLineString: return "an array of LineString coordinate arrays (each an array of positions)"
    case .polygon: return "an array of linear rings (each an array of four or more positions)"
    case .multiPolygon: return "an array of Polygon coordinate arrays (each an array of linear rings)"
    case .feature, .featureCollection, .geometryCollection: return "no coordinates"
    }
  }

  /// The clause defining the type.
  var clause: String {
    switch self {
    case .point: return "3.1.2"
    case .multiPoint: return "3.1.3"
    case .lineString: return "3.1.4"
    case .multiLineString: return "3.1.5"
    case .polygon: return "3.1.6"
    case .multiPolygon: return "3.1.7"
    case .geometryCollection: return "3.1.8"
    case .feature: return "3.2"
    case .featureCollection: return "3.3"
    }
  }
}
