/// Shared scanners for the date and time grammar of RFC 3339 §5.6 (used by `date-time`, `date` and `time`).
///
/// ```
/// date-fullyear   = 4DIGIT
/// date-month      = 2DIGIT  ; 01-12
/// date-mday       = 2DIGIT  ; 01-28, 01-29, 01-30, 01-31 based on month/year
/// time-hour       = 2DIGIT  ; 00-23
/// time-minute     = 2DIGIT  ; 00-59
/// time-second     = 2DIGIT  ; 00-58, 00-59, 00-60 based on leap second rules
/// time-secfrac    = "." 1*DIGIT
/// time-numoffset  = ("+" / "-") time-hour ":" time-minute
/// time-offset     = "Z" / time-numoffset
/// partial-time    = time-hour ":" time-minute ":" time-second [time-secfrac]
/// full-date       = date-fullyear "-" date-month "-" date-mday
/// full-time       = partial-time time-offset
/// date-time       = full-date "T" full-time
/// ```
/// `DIGIT` is ASCII only (RFC 5234 Appendix B.1); "T" and "Z" may be lower case (§5.6 NOTE).
enum RFC3339 {
  /// Length in bytes of `full-date`.
  static let fullDateLength = 10

  /// Whether `bytes[start ..< start + 10]` is a `full-date` naming a real day: month 01-12 and the day limits of
  /// §5.7, with the Gregorian leap years of Appendix C.
  static func isFullDate(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
    guard bytes.count - start >= fullDateLength,
      bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
      let century = ASCII.twoDigits(bytes, at: start), let yearOfCentury = ASCII.twoDigits(bytes, at: start + 2),
      let month = ASCII.twoDigits(bytes, at: start + 5), let day = ASCII.twoDigits(bytes, at: start + 8)
    else { return false }
    guard (1...12).contains(month), day >= 1 else { return false }
    return day <= daysInMonth(month, year: century * 100 + yearOfCentury)
  }

  /// Days in `month` of `year` (RFC 3339 §5.7; leap years per Appendix C).
  static func daysInMonth(_ month: Int, year: Int) -> Int {
    switch month {
    case 2:
      let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
      return isLeap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Whether `bytes[start...]` (to the end) is a `full-time`. A leap second (`time-second` 60) is accepted only
  /// when the time, converted to UTC with its offset, is 23:59 (§5.7: leap seconds are inserted at the end of a
  /// UTC day); the offset `-00:00` (§4.3, unknown local offset) counts as UTC.
  static func isFullTime(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
    let end = bytes.count
    // partial-time: "hh:mm:ss" is 8 bytes.
    guard end - start >= 9,
      bytes[start + 2] == UInt8(ascii: ":"), bytes[start + 5] == UInt8(ascii: ":"),
      let hour = ASCII.twoDigits(bytes, at: start), let minute = ASCII.twoDigits(bytes, at: start + 3),
      let second = ASCII.twoDigits(bytes, at: start + 6),
      hour <= 23, minute <= 59, second <= 60
    else { return false }
    var index = start + 8
    if bytes[index] == UInt8(ascii: ".") {
      index += 1
      let fractionStart = index
      while index < end, ASCII.isDigit(bytes[index]) { index += 1 }
      guard index > fractionStart else { return false }
    }
    guard index < end else { return false }
    // time-offset
    var offsetMinutes = 0
    switch bytes[index] {
    case UInt8(ascii: "Z"), UInt8(ascii: "z"):
      guard index + 1 == end else { return false }
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      guard end - index == 6, bytes[index + 3] == UInt8(ascii: ":"),
        let offsetHour = ASCII.twoDigits(bytes, at: index + 1),
        let offsetMinute = ASCII.twoDigits(bytes, at: index + 4),
        offsetHour <= 23, offsetMinute <= 59
      else { return false }
      offsetMinutes = offsetHour * 60 + offsetMinute
      if bytes[index] == UInt8(ascii: "-") { offsetMinutes = -offsetMinutes }
    default:
      return false
    }
    if second == 60 {
      // Local time = UTC + offset, so UTC = local - offset (modulo one day).
      let minutesPerDay = 24 * 60
      let utc = ((hour * 60 + minute - offsetMinutes) % minutesPerDay + minutesPerDay) % minutesPerDay
      guard utc == 23 * 60 + 59 else { return false }
    }
    return true
  }
}
