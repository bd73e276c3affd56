/// An XML Schema duration: a number of months and a number of seconds, each signed the same way.
/// Durations are only partly ordered (is P1M longer than P30D?): XML Schema orders two durations
/// when adding them to each of four reference date-times gives the same order every time.
struct DurationValue: Sendable, Hashable {
  var months: Int
  var seconds: LogicalValue.Instant

  /// The reference date-times of XML Schema Part 2 §3.2.6.2 (year, month, day).
  private static let references = [(1696, 9, 1), (1697, 2, 1), (1903, 3, 1), (1903, 7, 1)]

  static func compare(_ a: DurationValue, _ b: DurationValue) -> Int? {
    var result: Int? = nil
    for reference in references {
      let x = a.added(to: reference)
      let y = b.added(to: reference)
      let order = x == y ? 0 : (x < y ? -1 : 1)
      if let result, result != order { return nil }
      result = order
    }
    return result
  }

  /// The instant `reference + self`, in seconds from 1970 (XML Schema appendix E).
  private func added(to reference: (Int, Int, Int)) -> LogicalValue.Instant {
    let totalMonths = reference.0 * 12 + (reference.1 - 1) + months
    let year = Int((Double(totalMonths) / 12).rounded(.down))
    let month = totalMonths - year * 12 + 1
    let day = min(reference.2, CivilCalendar.daysInMonth(month, year: year))
    let base = CivilCalendar.dayNumber(year: year, month: month, day: day) * 86_400
    return LogicalValue.Instant(seconds: base + seconds.seconds, fraction: seconds.fraction)
  }

  /// Reads `-?PnYnMnDTnHnMnS` (XML Schema duration). The fraction of the seconds is kept exactly;
  /// a negative duration with a fraction is normalized so the fraction stays positive.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> DurationValue? {
    var i = 0
    let n = bytes.count
    var negative = false
    if i < n && bytes[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    guard i < n && bytes[i] == UInt8(ascii: "P") else { return nil }
    i += 1
    var months = 0
    var seconds = 0
    var fraction: [UInt8] = []
    var inTime = false
    var sawComponent = false
    var sawTimeComponent = false
    // Designators in the order they must appear.
    var nextDate = 0  // 0: Y allowed, 1: M, 2: D, 3: none
    var nextTime = 0  // 0: H, 1: M, 2: S, 3: none
    while i < n {
      if bytes[i] == UInt8(ascii: "T") {
        guard !inTime else { return nil }
        inTime = true
        i += 1
        guard i < n else { return nil }
        continue
      }
      var value = 0
      var digits = 0
      while i < n, bytes[i] >= 0x30 && bytes[i] <= 0x39 {
        value = value * 10 + Int(bytes[i] - 0x30)
        digits += 1
        guard value < 1_000_000_000_000 else { return nil }
        i += 1
      }
      var fractionDigits: [UInt8] = []
      if i < n && bytes[i] == UInt8(ascii: ".") {
        guard inTime else { return nil }
        i += 1
        while i < n, bytes[i] >= 0x30 && bytes[i] <= 0x39 {
          fractionDigits.append(bytes[i] - 0x30)
          i += 1
        }
        guard !fractionDigits.isEmpty else { return nil }
      }
      guard digits > 0, i < n else { return nil }
      let designator = bytes[i]
      i += 1
      if !inTime {
        let slot: Int
        switch designator {
        case UInt8(ascii: "Y"): slot = 0
        case UInt8(ascii: "M"): slot = 1
        case UInt8(ascii: "D"): slot = 2
        default: return nil
        }
        guard slot >= nextDate else { return nil }
        nextDate = slot + 1
        switch slot {
        case 0: months += value * 12
        case 1: months += value
        default: seconds += value * 86_400
        }
      } else {
        let slot: Int
        switch designator {
        case UInt8(ascii: "H"): slot = 0
        case UInt8(ascii: "M"): slot = 1
        case UInt8(ascii: "S"): slot = 2
        default: return nil
        }
        guard slot >= nextTime, fractionDigits.isEmpty || slot == 2 else { return nil }
        nextTime = slot + 1
        switch slot {
        case 0: seconds += value * 3600
        case 1: seconds += value * 60
        default:
          seconds += value
          fraction = fractionDigits
        }
        sawTimeComponent = true
      }
      sawComponent = true
    }
    guard sawComponent, !inTime || sawTimeComponent else { return nil }
    while fraction.last == 0 { fraction.removeLast() }
    if negative {
      months = -months
      if fraction.isEmpty {
        seconds = -seconds
      } else {
        // -(s + 0.f) = -(s + 1) + (1 - 0.f)
        seconds = -seconds - 1
        fraction = Self.complement(fraction)
      }
    }
    return DurationValue(months: months, seconds: LogicalValue.Instant(seconds: seconds, fraction: fraction))
  }

  /// 1 - 0.f as fraction digits.
  private static func complement(_ fraction: [UInt8]) -> [UInt8] {
    var digits = fraction.map { 9 - $0 }
    // Add one unit in the last place.
    var index = digits.count - 1
    while index >= 0 {
      if digits[index] == 9 {
        digits[index] = 0
        index -= 1
      } else {
        digits[index] += 1
        break
      }
    }
    while digits.last == 0 { digits.removeLast() }
    return digits
  }
}
