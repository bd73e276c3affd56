/// The Table Schema field types.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
  case string
  case number
  case integer
  case boolean
  case object
  case array
  case list
  case datetime
  case date
  case time
  case year
  case yearmonth
  case duration
  case geopoint
  case geojson
  case any

  /// The constraints Table Schema allows on fields of this type (besides `required` and `unique`,
  /// which apply to every type).
  var supportedConstraints: Set<String> {
    switch self {
    case .string: return ["minLength", "maxLength", "pattern", "enum"]
    case .number, .integer, .date, .time, .datetime, .year, .yearmonth, .duration:
      return ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"]
    case .object, .array, .list: return ["minLength", "maxLength", "enum", "jsonSchema"]
    case .boolean, .geopoint, .geojson, .any: return ["enum"]
    }
  }

  /// The formats a type knows besides `default` (temporal types also take `any` and
  /// strptime-style patterns).
  var namedFormats: Set<String> {
    switch self {
    case .string: return ["email", "uri", "binary", "uuid"]
    case .geopoint: return ["array", "object"]
    case .geojson: return ["topojson"]
    case .date, .time, .datetime: return ["any"]
    default: return []
    }
  }

  /// Whether `format` may be a strptime-style pattern.
  var takesPatternFormat: Bool { self == .date || self == .time || self == .datetime }
}
