import Foundation

/// ISO 8601 date-times as the Orion API spec accepts them ("Datetime support"): `<date>`,
/// `<date>T<time>` and `<date>T<time><timezone>`, time `hh[:mm[:ss[.sss]]]` or the basic forms,
/// timezone `Z`, `±hh:mm`, `±hhmm` or `±hh`; no timezone means UTC.
enum NGSIv2DateTime {
  /// Milliseconds since the epoch, or nil when `text` is not such a date-time.
  static func parse(_ text: String) -> Int64? {
    let chars = Array(text.utf8)
    func digits(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= chars.count else { return nil }
      var value = 0
      for c in chars[from..<(from + count)] {
        guard c >= 48 && c <= 57 else { return nil }
        value = value * 10 + Int(c - 48)
      }
      return value
    }
    guard chars.count >= 10, let year = digits(0, 4), chars[4] == 45, let month = digits(5, 2), chars[7] == 45,
      let day = digits(8, 2), (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var hour = 0
    var minute = 0
    var second = 0
    var millis = 0
    var offset = 0
    var i = 10
    if i < chars.count {
      guard chars[i] == 84 else { return nil }  // T
      i += 1
      guard let h = digits(i, 2), h < 24 else { return nil }
      hour = h
      i += 2
      func part() -> Int? {
        if i < chars.count && chars[i] == 58 { i += 1 }  // optional ':'
        guard let value = digits(i, 2), value < 60 else { return nil }
        i += 2
        return value
      }
      if i < chars.count && (chars[i] == 58 || (chars[i] >= 48 && chars[i] <= 57)) {
        guard let m = part() else { return nil }
        minute = m
        if i < chars.count && (chars[i] == 58 || (chars[i] >= 48 && chars[i] <= 57)) {
          guard let s = part() else { return nil }
          second = s
          if i < chars.count && chars[i] == 46 {  // .
            i += 1
            var fraction = ""
            while i < chars.count && chars[i] >= 48 && chars[i] <= 57 {
              fraction.append(Character(UnicodeScalar(chars[i])))
              i += 1
            }
            guard !fraction.isEmpty else { return nil }
            millis = Int((fraction + "000").prefix(3)) ?? 0
          }
        }
      }
      if i < chars.count {
        if chars[i] == 90 {  // Z
          i += 1
        } else if chars[i] == 43 || chars[i] == 45 {
          let sign = chars[i] == 43 ? 1 : -1
          i += 1
          guard let oh = digits(i, 2) else { return nil }
          i += 2
          var om = 0
          if i < chars.count {
            if chars[i] == 58 { i += 1 }
            guard let value = digits(i, 2) else { return nil }
            om = value
            i += 2
          }
          offset = sign * (oh * 60 + om)
        } else {
          return nil
        }
      }
      guard i == chars.count else { return nil }
    }
    var components = DateComponents()
    components.year = year
    components.month = month
    components.day = day
    components.hour = hour
    components.minute = minute
    components.second = second
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else { return nil }
    return Int64(date.timeIntervalSince1970) * 1000 + Int64(millis) - Int64(offset) * 60_000
  }
}
