/// `duration`: the ISO 8601 duration grammar of RFC 3339 Appendix A (JSON Schema 2020-12 Validation §7.3.1).
///
/// ```
/// dur-second = 1*DIGIT "S"
/// dur-minute = 1*DIGIT "M" [dur-second]
/// dur-hour   = 1*DIGIT "H" [dur-minute]
/// dur-time   = "T" (dur-hour / dur-minute / dur-second)
/// dur-day    = 1*DIGIT "D"
/// dur-week   = 1*DIGIT "W"
/// dur-month  = 1*DIGIT "M" [dur-day]
/// dur-year   = 1*DIGIT "Y" [dur-month]
/// dur-date   = (dur-day / dur-month / dur-year) [dur-time]
/// duration   = "P" (dur-date / dur-time / dur-week)
/// ```
/// So the date designators form a run of consecutive units out of Y, M, D (`P1Y2D` skips M and is invalid), the
/// time designators a run out of H, M, S, and a week stands alone. Numbers are ASCII digits only: no sign, no
/// fraction. As ABNF quoted strings are case-insensitive (RFC 5234 §2.3), lower-case designators are accepted.
enum DurationFormat {
  static func isValid(_ value: String) -> Bool {
    value.withUTF8Bytes { bytes in
      let end = bytes.count
      guard end >= 3, ASCII.lowercased(bytes[0]) == UInt8(ascii: "p") else { return false }
      var index = 1

      // dur-week stands alone.
      if ASCII.lowercased(bytes[end - 1]) == UInt8(ascii: "w") {
        for i in 1..<(end - 1) where !ASCII.isDigit(bytes[i]) { return false }
        return true
      }

      // dur-date: a run of consecutive units among Y (0), M (1), D (2).
      var hasDate = false
      var nextUnit = 0
      while index < end, ASCII.lowercased(bytes[index]) != UInt8(ascii: "t") {
        guard let (designator, after) = component(bytes, from: index) else { return false }
        let unit: Int
        switch designator {
        case UInt8(ascii: "y"): unit = 0
        case UInt8(ascii: "m"): unit = 1
        case UInt8(ascii: "d"): unit = 2
        default: return false
        }
        guard unit == nextUnit || (!hasDate && unit > nextUnit) else { return false }
        hasDate = true
        nextUnit = unit + 1
        index = after
      }
      guard index < end else { return hasDate }

      // dur-time: "T" then a run of consecutive units among H (0), M (1), S (2).
      index += 1
      var hasTime = false
      nextUnit = 0
      while index < end {
        guard let (designator, after) = component(bytes, from: index) else { return false }
        let unit: Int
        switch designator {
        case UInt8(ascii: "h"): unit = 0
        case UInt8(ascii: "m"): unit = 1
        case UInt8(ascii: "s"): unit = 2
        default: return false
        }
        guard unit == nextUnit || (!hasTime && unit > nextUnit) else { return false }
        hasTime = true
        nextUnit = unit + 1
        index = after
      }
      return hasTime
    }
  }

  /// Scans `1*DIGIT` followed by one designator letter: the lower-cased designator and the index after it.
  private static func component(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (UInt8, Int)? {
    var index = start
    while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
    guard index > start, index < bytes.count else { return nil }
    return (ASCII.lowercased(bytes[index]), index + 1)
  }
}
