import RenkeiCore
import RenkeiStringFormats

/// Reads the cells of one field (its type and format) into logical values, or says the cell is
/// not of the type. Cells arrive as UTF-8 bytes; strings are only made when a value is needed.
struct ValueReader: Sendable {
  enum Result: Sendable {
    /// The cell is of the type; the value is given when it was asked for.
    case valid(LogicalValue?)
    case invalid
  }

  private enum TemporalFormat: Sendable {
    case standard
    case any
    case pattern(StrptimeFormat)
  }

  private indirect enum Kind: Sendable {
    case string(format: String)
    case number(NumberParser)
    case boolean(trueValues: [[UInt8]], falseValues: [[UInt8]])
    case date(TemporalFormat)
    case time(TemporalFormat)
    case dateTime(TemporalFormat)
    case year
    case yearMonth
    case duration
    case geopoint(format: String)
    case geojson(topology: Bool)
    case object
    case array
    case list(delimiter: [UInt8], item: ValueReader)
    case any
  }

  private let kind: Kind
  let type: FieldType
  let format: String

  init(_ field: TableField) {
    self.init(type: field.type, format: field.format, field: field)
  }

  private init(type: FieldType, format: String, field: TableField) {
    self.type = type
    self.format = format
    func temporal() -> TemporalFormat {
      switch format {
      case "default": return .standard
      case "any": return .any
      default: return (try? StrptimeFormat(format)).map(TemporalFormat.pattern) ?? .standard
      }
    }
    switch type {
    case .string: kind = .string(format: format)
    case .number, .integer:
      kind = .number(
        NumberParser(
          decimalChar: Array(field.decimalChar.utf8), groupChar: Array(field.groupChar.utf8),
          bareNumber: field.bareNumber, integer: type == .integer))
    case .boolean:
      kind = .boolean(
        trueValues: field.trueValues.map { Array($0.utf8) }, falseValues: field.falseValues.map { Array($0.utf8) })
    case .date: kind = .date(temporal())
    case .time: kind = .time(temporal())
    case .datetime: kind = .dateTime(temporal())
    case .year: kind = .year
    case .yearmonth: kind = .yearMonth
    case .duration: kind = .duration
    case .geopoint: kind = .geopoint(format: format)
    case .geojson: kind = .geojson(topology: format == "topojson")
    case .object: kind = .object
    case .array: kind = .array
    case .list:
      var item = TableField(name: field.name, type: field.itemType)
      item.trueValues = field.trueValues
      item.falseValues = field.falseValues
      kind = .list(
        delimiter: Array(field.listDelimiter.utf8),
        item: ValueReader(type: field.itemType, format: "default", field: item))
    case .any: kind = .any
    }
  }

  /// Whether reading never fails (so a cell needs no look unless a value is wanted).
  var acceptsEverything: Bool {
    switch kind {
    case .any: return true
    case .string(let format): return format == "default"
    default: return false
    }
  }

  /// Reads a cell. With `materialize`, a valid cell's logical value is returned as well.
  func read(_ cell: UnsafeBufferPointer<UInt8>, materialize: Bool) -> Result {
    switch kind {
    case .any:
      return .valid(materialize ? .text(String(decoding: cell, as: UTF8.self)) : nil)
    case .string(let format):
      if format == "default" { return .valid(materialize ? .text(String(decoding: cell, as: UTF8.self)) : nil) }
      let text = String(decoding: cell, as: UTF8.self)
      guard Self.isValidString(text, bytes: cell, format: format) else { return .invalid }
      return .valid(materialize ? .text(text) : nil)
    case .number(let parser):
      guard let number = parser.parse(cell) else { return .invalid }
      return .valid(.number(number))
    case .boolean(let trueValues, let falseValues):
      if trueValues.contains(where: { $0.elementsEqual(cell) }) { return .valid(.boolean(true)) }
      if falseValues.contains(where: { $0.elementsEqual(cell) }) { return .valid(.boolean(false)) }
      return .invalid
    case .date(let format):
      return Self.date(cell, format).map { .valid(.date($0)) } ?? .invalid
    case .time(let format):
      return Self.time(cell, format).map { .valid(.time($0)) } ?? .invalid
    case .dateTime(let format):
      return Self.dateTime(cell, format).map { .valid(.dateTime($0)) } ?? .invalid
    case .year:
      return TemporalParser.year(cell).map { .valid(.year($0)) } ?? .invalid
    case .yearMonth:
      return TemporalParser.yearMonth(cell).map { .valid(.yearMonth($0)) } ?? .invalid
    case .duration:
      return DurationValue.parse(cell).map { .valid(.duration($0)) } ?? .invalid
    case .geopoint(let format):
      return Self.geopoint(cell, format: format).map { .valid($0) } ?? .invalid
    case .geojson(let topology):
      guard let value = JSONCell.parse(cell), value.kind == .object,
        topology ? GeoJSONShape.isTopology(value) : GeoJSONShape.isGeoJSON(value)
      else { return .invalid }
      return .valid(JSONCell.logical(value))
    case .object:
      guard let value = JSONCell.parse(cell), value.kind == .object else { return .invalid }
      return .valid(JSONCell.logical(value))
    case .array:
      guard let value = JSONCell.parse(cell), value.kind == .array else { return .invalid }
      return .valid(JSONCell.logical(value))
    case .list(let delimiter, let item):
      var items: [LogicalValue] = []
      for piece in Self.split(cell, by: delimiter) {
        let outcome = piece.withUnsafeBufferPointer { item.read($0, materialize: true) }
        guard case .valid(let value) = outcome, let value else { return .invalid }
        items.append(value)
      }
      return .valid(.list(items))
    }
  }

  /// Reads an item of a JSON array (for `arrayItem`): strings as cells, numbers and booleans as
  /// themselves where the type takes them.
  func read(json value: JSONValue) -> Result? {
    switch value.kind {
    case .null:
      return nil
    case .string:
      var bytes = Array(value.string!.utf8)
      return bytes.withUnsafeMutableBufferPointer { read(UnsafeBufferPointer($0), materialize: true) }
    case .number:
      guard type == .number || type == .integer || type == .year || type == .any else { return .invalid }
      var bytes = Array(value.number!.lexeme.utf8)
      if type == .any { return .valid(.text(value.number!.lexeme)) }
      return bytes.withUnsafeMutableBufferPointer { read(UnsafeBufferPointer($0), materialize: true) }
    case .bool:
      if type == .boolean { return .valid(.boolean(value.bool!)) }
      return type == .any ? .valid(.text(value.bool! ? "true" : "false")) : .invalid
    case .object, .array:
      guard type == .object && value.kind == .object || type == .array && value.kind == .array || type == .any
      else { return .invalid }
      return .valid(JSONCell.logical(value))
    }
  }

  /// Reads a constraint value from the descriptor (`minimum`, `enum` ...) with this type: JSON
  /// strings in the type's lexical form, numbers and booleans as themselves.
  func read(constraint value: JSONValue) -> LogicalValue? {
    if type == .string || type == .any, let text = value.string { return .text(text) }
    guard case .valid(let logical)? = read(json: value) else { return nil }
    return logical
  }

  // MARK: - Types

  private static func isValidString(_ text: String, bytes: UnsafeBufferPointer<UInt8>, format: String) -> Bool {
    switch format {
    case "email": return StringFormat.email.isValid(text)
    case "uri": return StringFormat.uri.isValid(text)
    case "uuid": return StringFormat.uuid.isValid(text)
    case "binary": return Base64.isValid(bytes)
    default: return true
    }
  }

  private static func date(_ cell: UnsafeBufferPointer<UInt8>, _ format: TemporalFormat) -> Int? {
    switch format {
    case .standard:
      return TemporalParser.date(cell)
    case .any:
      return TemporalParser.date(cell) ?? TemporalParser.anyDate(cell).map(dayNumber)
    case .pattern(let pattern):
      return pattern.parse(cell).map(dayNumber)
    }
  }

  private static func time(_ cell: UnsafeBufferPointer<UInt8>, _ format: TemporalFormat) -> LogicalValue.Instant? {
    switch format {
    case .standard:
      return TemporalParser.time(cell)
    case .any:
      return TemporalParser.time(cell) ?? TemporalParser.anyTime(cell).map(timeOfDay)
    case .pattern(let pattern):
      return pattern.parse(cell).map(timeOfDay)
    }
  }

  private static func dateTime(_ cell: UnsafeBufferPointer<UInt8>, _ format: TemporalFormat)
    -> LogicalValue.Instant?
  {
    switch format {
    case .standard:
      return TemporalParser.dateTime(cell)
    case .any:
      return TemporalParser.dateTime(cell) ?? TemporalParser.anyDateTime(cell).map(instant)
    case .pattern(let pattern):
      return pattern.parse(cell).map(instant)
    }
  }

  private static func dayNumber(_ parts: StrptimeFormat.Parts) -> Int {
    CivilCalendar.dayNumber(year: parts.year, month: parts.month, day: parts.day)
  }

  private static func timeOfDay(_ parts: StrptimeFormat.Parts) -> LogicalValue.Instant {
    let seconds = parts.hour * 3600 + parts.minute * 60 + parts.second - (parts.offset ?? 0)
    return LogicalValue.Instant(seconds: seconds, fraction: parts.fraction)
  }

  private static func instant(_ parts: StrptimeFormat.Parts) -> LogicalValue.Instant {
    let time = timeOfDay(parts)
    return LogicalValue.Instant(seconds: dayNumber(parts) * 86_400 + time.seconds, fraction: time.fraction)
  }

  /// `lon, lat` (default), `[lon, lat]` (array) or `{"lon": .., "lat": ..}` (object), in range.
  private static func geopoint(_ cell: UnsafeBufferPointer<UInt8>, format: String) -> LogicalValue? {
    var longitude: DecimalNumber?
    var latitude: DecimalNumber?
    let parser = NumberParser()
    switch format {
    case "array", "object":
      guard let value = JSONCell.parse(cell) else { return nil }
      var numbers: [JSONValue] = []
      if format == "array" {
        guard value.kind == .array, value.count == 2 else { return nil }
        numbers = value.elements
      } else {
        guard value.kind == .object, value.count == 2, let lon = value["lon"], let lat = value["lat"] else {
          return nil
        }
        numbers = [lon, lat]
      }
      let parsed = numbers.map { number -> DecimalNumber? in
        guard let lexeme = number.number?.lexeme else { return nil }
        var bytes = Array(lexeme.utf8)
        return bytes.withUnsafeMutableBufferPointer { parser.parse(UnsafeBufferPointer($0)) }
      }
      longitude = parsed[0]
      latitude = parsed[1]
    default:
      let parts = split(cell, by: [UInt8(ascii: ",")])
      guard parts.count == 2 else { return nil }
      longitude = parts[0].withUnsafeBufferPointer { parser.parse($0) }
      latitude = parts[1].withUnsafeBufferPointer { parser.parse($0) }
    }
    guard let longitude, let latitude,
      let lonLow = DecimalNumber.compare(longitude, DecimalNumber(-180)), lonLow >= 0,
      let lonHigh = DecimalNumber.compare(longitude, DecimalNumber(180)), lonHigh <= 0,
      let latLow = DecimalNumber.compare(latitude, DecimalNumber(-90)), latLow >= 0,
      let latHigh = DecimalNumber.compare(latitude, DecimalNumber(90)), latHigh <= 0
    else { return nil }
    return .geopoint(longitude: longitude, latitude: latitude)
  }

  /// Splits at every occurrence of `delimiter`.
  private static func split(_ cell: UnsafeBufferPointer<UInt8>, by delimiter: [UInt8]) -> [[UInt8]] {
    var parts: [[UInt8]] = []
    var current: [UInt8] = []
    var i = 0
    while i < cell.count {
      if cell[i] == delimiter[0] && i + delimiter.count <= cell.count
        && delimiter.indices.allSatisfy({ cell[i + $0] == delimiter[$0] })
      {
        parts.append(current)
        current = []
        i += delimiter.count
      } else {
        current.append(cell[i])
        i += 1
      }
    }
    parts.append(current)
    return parts
  }
}
