/// 曜日 values: what the recommended datasets write in 利用可能曜日 (kanji runs `月火水木金`,
/// ranges `月〜金`, lists `月・水・金`, `土日祝`, `月曜日`) and the GIF codes (DS-441 コアデータ
/// パーツ 日時: `12345` for 月–金, 1 = 月 … 7 = 日, 8 = 祝日; a recurrence `13Mo` (第1・第3月曜),
/// `6Fr` (最終金曜), `0Sa` (毎週土曜)).
public struct Weekdays: Sendable, Hashable {
  /// How the value was written.
  public enum Form: String, Sendable, Hashable {
    /// `月火水木金`, `土日祝`, `月曜日`.
    case kanji
    /// `月〜金`, `月-金`.
    case kanjiRange
    /// `月・水・金`, `月、水`, `月,水`.
    case kanjiList
    /// `12345`.
    case codes
    /// `13Mo`, `6Fr`, several separated by commas.
    case recurrence
  }

  /// Days of the week, 1 = Monday … 7 = Sunday.
  public var days: Set<Int>
  /// Whether public holidays (祝, 祝日, 8) are included.
  public var holidays: Bool
  public var form: Form

  private static let kanji: [Character: Int] = ["月": 1, "火": 2, "水": 3, "木": 4, "金": 5, "土": 6, "日": 7]
  private static let codes: [String: Int] = ["Mo": 1, "Tu": 2, "We": 3, "Th": 4, "Fr": 5, "Sa": 6, "Su": 7]

  /// The days named, or the parts of the value that name no day.
  public static func parse(_ text: String) -> Result<Weekdays, Invalid> {
    let value = WidthFolding.toHalfWidthASCII(text).trimmingSpaces()
    guard !value.isEmpty else { return .failure(Invalid(parts: [text])) }
    if value.allSatisfy({ $0.isASCII && $0.isNumber }) {
      var days = Set<Int>()
      var holidays = false
      var bad: [String] = []
      for digit in value {
        switch digit.wholeNumberValue! {
        case 1...7: days.insert(digit.wholeNumberValue!)
        case 8: holidays = true
        default: bad.append(String(digit))
        }
      }
      return bad.isEmpty
        ? .success(Weekdays(days: days, holidays: holidays, form: .codes)) : .failure(Invalid(parts: bad))
    }
    if value.first?.isASCII == true {
      return recurrence(value)
    }
    return kanjiValue(value)
  }

  /// The parts of a value that are not days.
  public struct Invalid: Error, Sendable, Hashable {
    public var parts: [String]

    public init(parts: [String]) { self.parts = parts }
  }

  private static func recurrence(_ value: String) -> Result<Weekdays, Invalid> {
    var days = Set<Int>()
    var bad: [String] = []
    for item in value.split(whereSeparator: { $0 == "," || $0 == " " }) {
      let prefix = item.prefix { $0.isNumber }
      let code = String(item.dropFirst(prefix.count))
      // 0 every week, 1-5 the nth week, 6 the last, 7 every other week.
      if let day = codes[code], prefix.allSatisfy({ ("0"..."7").contains($0) }) {
        days.insert(day)
      } else {
        bad.append(String(item))
      }
    }
    return bad.isEmpty
      ? .success(Weekdays(days: days, holidays: false, form: .recurrence)) : .failure(Invalid(parts: bad))
  }

  private static func kanjiValue(_ value: String) -> Result<Weekdays, Invalid> {
    var days = Set<Int>()
    var holidays = false
    var bad: [String] = []
    var form = Form.kanji
    let characters = Array(value)
    var index = 0
    var rangeStart: Int? = nil
    var previousDay: Int? = nil
    while index < characters.count {
      let character = characters[index]
      if let day = kanji[character] {
        if let start = rangeStart {
          // 月〜金, also wrapping (金〜月).
          var current = start
          while current != day {
            days.insert(current)
            current = current % 7 + 1
          }
          rangeStart = nil
        }
        days.insert(day)
        previousDay = day
        index += 1
        // 曜 / 曜日 after a day name.
        if index < characters.count && characters[index] == "曜" {
          index += 1
          if index < characters.count && characters[index] == "日" { index += 1 }
        }
        continue
      }
      if character == "祝" {
        holidays = true
        index += 1
        if index < characters.count && characters[index] == "日" { index += 1 }
        continue
      }
      if "〜～~-－ー―‐".contains(character), let last = previousDay {
        rangeStart = last
        previousDay = nil
        form = .kanjiRange
        index += 1
        continue
      }
      if "・、,，/ 　".contains(character) {
        if form == .kanji { form = .kanjiList }
        index += 1
        continue
      }
      // Collect the unknown run.
      var end = index
      while end < characters.count && kanji[characters[end]] == nil && characters[end] != "祝" { end += 1 }
      bad.append(String(characters[index..<end]))
      index = end
    }
    if rangeStart != nil { bad.append(value) }
    guard bad.isEmpty, !days.isEmpty || holidays else {
      return .failure(Invalid(parts: bad.isEmpty ? [value] : bad))
    }
    return .success(Weekdays(days: days, holidays: holidays, form: form))
  }

  /// The GIF code spelling (`12345`, with 8 for holidays).
  public var codes: String {
    days.sorted().map(String.init).joined() + (holidays ? "8" : "")
  }
}
