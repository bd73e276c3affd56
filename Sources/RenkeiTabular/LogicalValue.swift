/// The logical value of a cell (Table Schema's "logical representation"): what constraints,
/// `enum`, `unique` and keys compare, so `1.0` equals `1` in a number field and `2024-04-01`
/// sorts before `2024-10-01` in a date field.
enum LogicalValue: Sendable, Hashable {
  case text(String)
  case number(DecimalNumber)
  case boolean(Bool)
  /// Days from 1970-01-01.
  case date(Int)
  /// Seconds from midnight (UTC when the value has an offset).
  case time(Instant)
  /// Seconds from 1970-01-01T00:00:00 (UTC when the value has an offset; a value without one is
  /// compared as if it were UTC).
  case dateTime(Instant)
  case year(Int)
  /// `year * 12 + month - 1`.
  case yearMonth(Int)
  case duration(DurationValue)
  case geopoint(longitude: DecimalNumber, latitude: DecimalNumber)
  /// A JSON value (object, array, GeoJSON) in canonical text: members sorted, no spaces.
  case json(String, count: Int)
  case list([LogicalValue])

  /// A number of seconds with an exact decimal fraction.
  struct Instant: Sendable, Hashable, Comparable {
    var seconds: Int
    /// Fraction digits, no trailing zeros.
    var fraction: [UInt8] = []

    static func < (a: Instant, b: Instant) -> Bool {
      if a.seconds != b.seconds { return a.seconds < b.seconds }
      for (x, y) in zip(a.fraction, b.fraction) where x != y { return x < y }
      return a.fraction.count < b.fraction.count
    }

    var text: String {
      fraction.isEmpty ? "\(seconds)" : "\(seconds)." + String(decoding: fraction.map { $0 + 0x30 }, as: UTF8.self)
    }
  }

  /// Orders two values of the same kind: negative, zero or positive; nil when they cannot be
  /// compared (different kinds, NaN, durations that XML Schema leaves unordered).
  static func compare(_ a: LogicalValue, _ b: LogicalValue) -> Int? {
    func order<T: Comparable>(_ x: T, _ y: T) -> Int { x == y ? 0 : (x < y ? -1 : 1) }
    switch (a, b) {
    case (.text(let x), .text(let y)): return order(x, y)
    case (.number(let x), .number(let y)): return DecimalNumber.compare(x, y)
    case (.date(let x), .date(let y)): return order(x, y)
    case (.time(let x), .time(let y)): return order(x, y)
    case (.dateTime(let x), .dateTime(let y)): return order(x, y)
    case (.year(let x), .year(let y)): return order(x, y)
    case (.yearMonth(let x), .yearMonth(let y)): return order(x, y)
    case (.duration(let x), .duration(let y)): return DurationValue.compare(x, y)
    case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (x ? 1 : -1)
    default: return nil
    }
  }

  /// Whether two values are the same logical value (numbers by value, JSON by content).
  static func equal(_ a: LogicalValue, _ b: LogicalValue) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): return DecimalNumber.compare(x, y) == 0
    case (.duration(let x), .duration(let y)): return x == y
    default: return a.key == b.key
    }
  }

  /// Canonical text that is equal exactly for equal values (within a type family), for `unique`,
  /// primary and foreign keys.
  var key: String {
    switch self {
    case .text(let text): return text
    case .number(let number): return number.canonical
    case .boolean(let flag): return flag ? "true" : "false"
    case .date(let day): return "date:\(day)"
    case .time(let instant): return "time:" + instant.text
    case .dateTime(let instant): return "datetime:" + instant.text
    case .year(let year): return "year:\(year)"
    case .yearMonth(let month): return "yearmonth:\(month)"
    case .duration(let duration): return "duration:\(duration.months):" + duration.seconds.text
    case .geopoint(let longitude, let latitude): return "geopoint:\(longitude.canonical),\(latitude.canonical)"
    case .json(let text, _): return text
    case .list(let items): return "[" + items.map(\.key).joined(separator: "\u{1F}") + "]"
    }
  }

  /// What `minLength` and `maxLength` measure: characters of a string, items of an array or
  /// list, members of an object; nil for other types.
  var length: Int? {
    switch self {
    case .text(let text): return text.unicodeScalars.count
    case .json(_, let count): return count
    case .list(let items): return items.count
    default: return nil
    }
  }
}
