/// Reads the default lexical forms of Table Schema's temporal types:
/// `date` as `yyyy-mm-dd`; `time` as `hh:mm:ss` with optional fraction and time zone (XML Schema
/// `time`); `datetime` as XML Schema `dateTime` (`2024-01-26T15:00:00`, optional fraction and
/// zone); `year` and `yearmonth` as XML Schema `gYear` and `gYearMonth`. Also the `any` format,
/// which tries a fixed list of common layouts.
enum TemporalParser {
  private typealias Bytes = UnsafeBufferPointer<UInt8>

  static func date(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
      CivilCalendar.isValid(year: year, month: month, day: day)
    else { return nil }
    return CivilCalendar.dayNumber(year: year, month: month, day: day)
  }

  static func time(_ b: UnsafeBufferPointer<UInt8>) -> LogicalValue.Instant? {
    guard let (instant, end) = timeOfDay(b, at: 0), end == b.count else { return nil }
    return instant
  }

  static func dateTime(_ b: UnsafeBufferPointer<UInt8>) -> LogicalValue.Instant? {
    guard let (year, yearEnd) = signedYear(b, at: 0), yearEnd + 6 <= b.count,
      b[yearEnd] == UInt8(ascii: "-"), let month = digits(b, yearEnd + 1, 2),
      b[yearEnd + 3] == UInt8(ascii: "-"), let day = digits(b, yearEnd + 4, 2),
      CivilCalendar.isValid(year: year, month: month, day: day),
      yearEnd + 6 < b.count, b[yearEnd + 6] == UInt8(ascii: "T"),
      let (time, end) = timeOfDay(b, at: yearEnd + 7), end == b.count
    else { return nil }
    let days = CivilCalendar.dayNumber(year: year, month: month, day: day)
    return LogicalValue.Instant(seconds: days * 86_400 + time.seconds, fraction: time.fraction)
  }

  /// XML Schema `gYear`: `-?YYYY` (more digits allowed, no leading zero then) and an optional zone.
  static func year(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let (year, end) = signedYear(b, at: 0) else { return nil }
    guard end == b.count || zone(b, at: end) == b.count else { return nil }
    return year
  }

  /// XML Schema `gYearMonth`: `-?YYYY-MM` and an optional zone.
  static func yearMonth(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let (year, end) = signedYear(b, at: 0), end + 3 <= b.count, b[end] == UInt8(ascii: "-"),
      let month = digits(b, end + 1, 2), month >= 1 && month <= 12
    else { return nil }
    guard end + 3 == b.count || zone(b, at: end + 3) == b.count else { return nil }
    return year * 12 + month - 1
  }

  // MARK: - Parts

  /// `hh:mm:ss(.s+)?(zone)?` from `start`; the instant is adjusted to UTC when a zone is given.
  private static func timeOfDay(_ b: Bytes, at start: Int) -> (LogicalValue.Instant, Int)? {
    guard start + 8 <= b.count, let hour = digits(b, start, 2), b[start + 2] == UInt8(ascii: ":"),
      let minute = digits(b, start + 3, 2), b[start + 5] == UInt8(ascii: ":"),
      let second = digits(b, start + 6, 2), hour <= 23, minute <= 59, second <= 59
    else { return nil }
    var i = start + 8
    var fraction: [UInt8] = []
    if i < b.count && b[i] == UInt8(ascii: ".") {
      i += 1
      while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
        fraction.append(b[i] - 0x30)
        i += 1
      }
      guard !fraction.isEmpty else { return nil }
      while fraction.last == 0 { fraction.removeLast() }
    }
    var seconds = hour * 3600 + minute * 60 + second
    if i < b.count {
      guard let end = zone(b, at: i) else { return nil }
      seconds -= zoneOffset(b, from: i)
      i = end
    }
    return (LogicalValue.Instant(seconds: seconds, fraction: fraction), i)
  }

  /// A year of XML Schema: optional '-', four digits or more (no leading zero beyond four).
  private static func signedYear(_ b: Bytes, at start: Int) -> (Int, Int)? {
    var i = start
    var negative = false
    if i < b.count && b[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    let digitsStart = i
    var value = 0
    while i < b.count, b[i] >= 0x30 && b[i] <= 0x39, i - digitsStart < 9 {
      value = value * 10 + Int(b[i] - 0x30)
      i += 1
    }
    let count = i - digitsStart
    guard count >= 4, count == 4 || b[digitsStart] != UInt8(ascii: "0") else { return nil }
    return (negative ? -value : value, i)
  }

  /// The end of `Z` or `±hh:mm` at `start`, or nil.
  private static func zone(_ b: Bytes, at start: Int) -> Int? {
    guard start < b.count else { return nil }
    if b[start] == UInt8(ascii: "Z") { return start + 1 }
    guard b[start] == UInt8(ascii: "+") || b[start] == UInt8(ascii: "-"), start + 6 <= b.count,
      let hours = digits(b, start + 1, 2), b[start + 3] == UInt8(ascii: ":"), let minutes = digits(b, start + 4, 2),
      minutes <= 59, hours < 14 || (hours == 14 && minutes == 0)
    else { return nil }
    return start + 6
  }

  /// Seconds east of UTC of the zone at `start` (already checked).
  private static func zoneOffset(_ b: Bytes, from start: Int) -> Int {
    guard b[start] != UInt8(ascii: "Z") else { return 0 }
    let seconds = (digits(b, start + 1, 2)! * 60 + digits(b, start + 4, 2)!) * 60
    return b[start] == UInt8(ascii: "-") ? -seconds : seconds
  }

  /// `count` ASCII digits at `start` as a number.
  @inline(__always)
  static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
    guard start >= 0, start + count <= b.count else { return nil }
    var value = 0
    for i in start..<(start + count) {
      let digit = b[i] &- 0x30
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
    }
    return value
  }

  // MARK: - The `any` format

  /// Layouts tried, in order, by the `any` format (a best effort: the spec leaves `any` to the
  /// implementation and does not recommend it). Month-first before day-first, as dateutil reads.
  private static let anyDateLayouts: [StrptimeFormat] = [
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y",
    "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%Y年%m月%d日",
  ].compactMap { try? StrptimeFormat($0) }

  private static let anyTimeLayouts: [StrptimeFormat] = [
    "%H:%M:%S.%f", "%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p", "%I %p", "%H時%M分%S秒", "%H時%M分",
  ].compactMap { try? StrptimeFormat($0) }

  static func anyDate(_ b: UnsafeBufferPointer<UInt8>) -> StrptimeFormat.Parts? {
    anyDateLayouts.lazy.compactMap { $0.parse(b) }.first
  }

  static func anyTime(_ b: UnsafeBufferPointer<UInt8>) -> StrptimeFormat.Parts? {
    anyTimeLayouts.lazy.compactMap { $0.parse(b) }.first
  }

  /// A date, then 'T' or spaces, then a time (optionally with a zone `Z` or `±hh:mm`).
  static func anyDateTime(_ b: UnsafeBufferPointer<UInt8>) -> StrptimeFormat.Parts? {
    for split in 1..<max(1, b.count) where b[split] == UInt8(ascii: "T") || b[split] == 0x20 {
      let left = UnsafeBufferPointer(rebasing: b[..<split])
      var rightStart = split + 1
      while rightStart < b.count && b[rightStart] == 0x20 { rightStart += 1 }
      let right = UnsafeBufferPointer(rebasing: b[rightStart...])
      guard var date = anyDate(left), let time = anyTime(right) else { continue }
      date.hour = time.hour
      date.minute = time.minute
      date.second = time.second
      date.fraction = time.fraction
      date.hasTime = true
      return date
    }
    return nil
  }
}
