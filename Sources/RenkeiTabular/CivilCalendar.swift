/// Proleptic Gregorian calendar arithmetic (XML Schema dates use it for every year).
enum CivilCalendar {
  static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

  static func daysInMonth(_ month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func isValid(year: Int, month: Int, day: Int) -> Bool {
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month, year: year)
  }

  /// Days from 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
  static func dayNumber(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let monthIndex = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The month and day of the `dayOfYear`-th day (1-based) of `year`.
  static func monthAndDay(dayOfYear: Int, year: Int) -> (Int, Int)? {
    guard dayOfYear >= 1 && dayOfYear <= (isLeap(year) ? 366 : 365) else { return nil }
    var remaining = dayOfYear
    for month in 1...12 {
      let length = daysInMonth(month, year: year)
      if remaining <= length { return (month, remaining) }
      remaining -= length
    }
    return nil
  }
}
