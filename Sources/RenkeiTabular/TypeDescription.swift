/// How messages describe what a field's type and format expect, with an example.
struct TypeDescription {
  var expected: String
  var example: String

  init(_ field: TableField) {
    switch field.type {
    case .string:
      switch field.format {
      case "email": (expected, example) = ("an e-mail address", "an address such as info@city.example.jp")
      case "uri":
        (expected, example) = (
          "a URI", "an absolute URI such as https://www.city.example.jp/ (percent-encode non-ASCII characters)"
        )
      case "uuid": (expected, example) = ("a UUID", "a UUID such as 123e4567-e89b-12d3-a456-426614174000")
      case "binary":
        (expected, example) = ("base64-encoded binary data", "standard base64 (A-Z a-z 0-9 + /, padded with =)")
      default: (expected, example) = ("a string", "text")
      }
    case .integer:
      expected = "an integer"
      example = "a whole number such as 42 or -7, with half-width digits only"
    case .number:
      expected = "a number"
      example = "a decimal number such as 3.14 or -12 (half-width digits, '\(field.decimalChar)' as the decimal point)"
    case .boolean:
      expected = "a boolean"
      example = "one of " + (field.trueValues + field.falseValues).map { "\"\($0)\"" }.joined(separator: ", ")
    case .date:
      expected = "a date" + Self.formatNote(field.format)
      example = field.format == "default" ? "a date as YYYY-MM-DD, e.g. 2024-04-01" : "a date matching \(field.format)"
    case .time:
      expected = "a time" + Self.formatNote(field.format)
      example = field.format == "default" ? "a time as hh:mm:ss, e.g. 09:30:00" : "a time matching \(field.format)"
    case .datetime:
      expected = "a date and time" + Self.formatNote(field.format)
      example =
        field.format == "default"
        ? "a date and time as YYYY-MM-DDThh:mm:ss, e.g. 2024-04-01T09:30:00 (optionally with Z or +09:00)"
        : "a date and time matching \(field.format)"
    case .year:
      expected = "a year"
      example = "a year as four digits, e.g. 2024"
    case .yearmonth:
      expected = "a year and month"
      example = "a year and month as YYYY-MM, e.g. 2024-04"
    case .duration:
      expected = "a duration"
      example = "an ISO 8601 duration such as P1Y2M3DT4H5M6S or PT30M"
    case .geopoint:
      expected = "a geographic point" + (field.format == "default" ? "" : " (\(field.format))")
      switch field.format {
      case "array": example = "[longitude, latitude], e.g. [138.32, 34.87]"
      case "object": example = "{\"lon\": longitude, \"lat\": latitude}"
      default: example = "\"longitude, latitude\", e.g. \"138.32, 34.87\" (longitude first)"
      }
    case .geojson:
      expected = field.format == "topojson" ? "a TopoJSON topology" : "a GeoJSON object"
      example = "a GeoJSON object such as {\"type\": \"Point\", \"coordinates\": [138.32, 34.87]}"
    case .object:
      expected = "a JSON object"
      example = "a JSON object such as {\"key\": \"value\"}"
    case .array:
      expected = "a JSON array"
      example = "a JSON array such as [\"a\", \"b\"]"
    case .list:
      expected = "a list of \(field.itemType.rawValue) values"
      example = "\(field.itemType.rawValue) values separated by \"\(field.listDelimiter)\""
    case .any:
      expected = "a value"
      example = "any value"
    }
  }

  private static func formatNote(_ format: String) -> String {
    switch format {
    case "default": return ""
    case "any": return " in a recognised layout"
    default: return " in the format \(format)"
    }
  }
}
