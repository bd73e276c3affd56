/// A time of day as the recommended datasets write it: `9:00`, `09:00:00`, `９：３０`, `9時`,
/// `9時30分`, `午後1時` (all to 24-hour `HH:MM`, or `HH:MM:SS` when seconds are given).
public struct TimeOfDay: Sendable, Hashable {
  public var hour: Int
  public var minute: Int
  public var second: Int?

  public init(hour: Int, minute: Int, second: Int? = nil) {
    self.hour = hour
    self.minute = minute
    self.second = second
  }

  /// `HH:MM` (or `HH:MM:SS`); hours up to 24 (24:00 closes at midnight; 翌日 times above 24 are
  /// kept as written, e.g. `25:00`).
  public var text: String {
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    return two(hour) + ":" + two(minute) + (second.map { ":" + two($0) } ?? "")
  }

  public static func parse(_ text: String) -> TimeOfDay? {
    var value = Substring(WidthFolding.toHalfWidthASCII(text).trimmingSpaces())
    var afternoon = false
    if value.hasPrefix("午前") {
      value = value.dropFirst(2)
    } else if value.hasPrefix("午後") {
      afternoon = true
      value = value.dropFirst(2)
    }
    var numbers: [Int] = []
    var current: Int? = nil
    var separators = 0
    for character in value {
      if let digit = character.wholeNumberValue, character.isASCII {
        current = (current ?? 0) * 10 + digit
        guard current! < 100 else { return nil }
      } else if character == ":" || character == "時" || character == "分" || character == "秒" {
        guard let number = current else { return nil }
        numbers.append(number)
        current = nil
        separators += 1
      } else {
        return nil
      }
    }
    if let current { numbers.append(current) }
    guard (1...3).contains(numbers.count), separators >= numbers.count - 1 else { return nil }
    var hour = numbers[0]
    if afternoon && hour < 12 { hour += 12 }
    let minute = numbers.count > 1 ? numbers[1] : 0
    let second = numbers.count > 2 ? numbers[2] : nil
    guard hour <= 30, minute < 60, (second ?? 0) < 60 else { return nil }
    return TimeOfDay(hour: hour, minute: minute, second: second)
  }
}
