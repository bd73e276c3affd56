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

  private static let names = allCases.map { (type: $0, bytes: Array($0.rawValue.utf8)) }

  /// The type a string value names exactly, matched on its bytes (this runs for every object).
  static func named(_ value: JSONValue) -> GeoJSONType? {
    let found: GeoJSONType?? = value.withStringBytes { (text: UnsafeBufferPointer<UInt8>) -> GeoJSONType? in
      for candidate in names where candidate.bytes.elementsEqual(text) { return candidate.type }
      return nil
    }
    return found ?? nil
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
