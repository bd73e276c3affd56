/// A calendar date read from the spellings Japanese open data uses besides ISO 8601: 和暦
/// (`令和5年4月1日`, `令和元年5月1日`, `R5.4.1`, `R05/04/01`, `H31.4.30`, `令和五年四月一日`) and
/// western dates written the Japanese way (`2023年4月1日`, `2023/4/1`, `2023.4.1`). Full-width
/// digits and kanji numerals are read; the result knows its ISO form (`2023-04-01`) and how it
/// was written. Dates that do not exist are rejected with the reason: 令和1年4月30日 is before
/// 令和 began, 平成31年5月1日 after 平成 ended, 2月30日 is no day.
public struct WarekiDate: Sendable, Hashable {
  /// How the date was written.
  public enum Form: String, Sendable, Hashable {
    /// `2023-04-01`.
    case iso
    /// `2023年4月1日`.
    case westernKanji
    /// `2023/4/1`, `2023.4.1`, `2023-4-1` (not zero-padded).
    case westernNumeric
    /// `令和5年4月1日`, `令和元年5月1日`.
    case eraKanji
    /// `R5.4.1`, `R05/04/01`, `令和5.4.1`.
    case eraAbbreviated
  }

  /// Why a text is not a date.
  public enum Failure: Error, Sendable, Hashable {
    /// Not a date in any spelling renkei reads.
    case unrecognized
    /// The month or day does not exist (`2023-02-30`, `13月`).
    case noSuchDay(year: Int, month: Int, day: Int)
    /// The date is before the era began (`令和1年4月30日`).
    case beforeEra(JapaneseEra, iso: String)
    /// The date is after the era ended (`平成31年5月1日`); `iso` is the Gregorian date meant.
    case afterEra(JapaneseEra, iso: String)
    /// 明治1–5年: the lunisolar calendar, not convertible by arithmetic.
    case lunisolar(JapaneseEra, year: Int)
  }

  public let year: Int
  public let month: Int
  public let day: Int
  public let form: Form
  /// The era it was written in, and the era year (1 for 元年).
  public let era: JapaneseEra?
  public let eraYear: Int?

  /// `YYYY-MM-DD`.
  public var iso: String { Self.iso(year, month, day) }

  /// Whether the text was written some other way than ISO 8601.
  public var isNonISO: Bool { form != .iso }

  public init(year: Int, month: Int, day: Int, form: Form = .iso, era: JapaneseEra? = nil, eraYear: Int? = nil) {
    self.year = year
    self.month = month
    self.day = day
    self.form = form
    self.era = era
    self.eraYear = eraYear
  }

  /// Reads a date; surrounding spaces are ignored.
  public static func parse(_ text: String) -> Result<WarekiDate, Failure> {
    let folded = WidthFolding.toHalfWidthASCII(text).trimmingSpaces()
    guard !folded.isEmpty else { return .failure(.unrecognized) }
    var rest = Substring(folded)
    var era: JapaneseEra? = nil
    for candidate in JapaneseEra.allCases where rest.hasPrefix(candidate.kanji) {
      era = candidate
      rest = rest.dropFirst(candidate.kanji.count)
      break
    }
    if era == nil, let first = rest.first, first.isLetter, first.isASCII,
      let second = rest.dropFirst().first, second.isNumber || second == "元"
    {
      guard let letterEra = JapaneseEra(name: String(first)) else { return .failure(.unrecognized) }
      era = letterEra
      rest = rest.dropFirst()
    }
    guard let parts = components(rest) else { return .failure(.unrecognized) }
    let form: Form
    switch (era != nil, parts.kanjiSeparators) {
    case (true, true): form = .eraKanji
    case (true, false): form = .eraAbbreviated
    case (false, true): form = .westernKanji
    case (false, false):
      // A four-digit year is required for western dates; `23/4/1` is ambiguous.
      guard parts.yearDigits == 4 else { return .failure(.unrecognized) }
      let isISO = parts.separator == "-" && parts.monthDigits == 2 && parts.dayDigits == 2
      form = isISO ? .iso : .westernNumeric
    }
    if era == nil && form == .westernKanji && parts.yearDigits != 4 { return .failure(.unrecognized) }
    let (month, day) = (parts.month, parts.day)
    if let era {
      guard parts.year >= 1 else { return .failure(.unrecognized) }
      if parts.year < era.firstConvertibleYear { return .failure(.lunisolar(era, year: parts.year)) }
      let year = era.gregorianYear(parts.year)
      guard isValidDay(year, month, day) else { return .failure(.noSuchDay(year: year, month: month, day: day)) }
      let start = era.start
      if (year, month, day) < (start.year, start.month, start.day) {
        return .failure(.beforeEra(era, iso: iso(year, month, day)))
      }
      if let end = era.end, (year, month, day) > (end.year, end.month, end.day) {
        return .failure(.afterEra(era, iso: iso(year, month, day)))
      }
      return .success(WarekiDate(year: year, month: month, day: day, form: form, era: era, eraYear: parts.year))
    }
    guard isValidDay(parts.year, month, day) else {
      return .failure(.noSuchDay(year: parts.year, month: month, day: day))
    }
    return .success(WarekiDate(year: parts.year, month: month, day: day, form: form))
  }

  /// Whether the day exists in the proleptic Gregorian calendar.
  public static func isValidDay(_ year: Int, _ month: Int, _ day: Int) -> Bool {
    guard (1...12).contains(month), day >= 1, (1...9999).contains(year) else { return false }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= lengths[month - 1]
  }

  static func iso(_ year: Int, _ month: Int, _ day: Int) -> String {
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  // MARK: - Components

  private struct Parts {
    var year: Int
    var month: Int
    var day: Int
    var yearDigits: Int
    var monthDigits: Int
    var dayDigits: Int
    var kanjiSeparators: Bool
    var separator: Character
  }

  /// Year, month and day separated by 年月日 or by one of `-`, `/`, `.` used throughout.
  private static func components(_ text: Substring) -> Parts? {
    var numbers: [(value: Int, digits: Int)] = []
    var separators: [Character] = []
    var index = text.startIndex
    while index < text.endIndex {
      // A number: ASCII digits, kanji numerals, or 元 (the first year of an era).
      var end = index
      while end < text.endIndex, text[end].isASCII, text[end].isNumber { end = text.index(after: end) }
      if end > index {
        let digits = text[index..<end]
        guard digits.count <= 4, let value = Int(digits) else { return nil }
        numbers.append((value, digits.count))
      } else if text[index] == "元" && numbers.isEmpty {
        numbers.append((1, 1))
        end = text.index(after: index)
      } else {
        while end < text.endIndex, KanjiNumeral.isNumeral(text[end]) { end = text.index(after: end) }
        guard end > index, let value = KanjiNumeral.value(of: text[index..<end]) else { return nil }
        numbers.append((value, text.distance(from: index, to: end)))
      }
      index = end
      guard index < text.endIndex else { break }
      separators.append(text[index])
      index = text.index(after: index)
    }
    guard numbers.count == 3 else { return nil }
    let kanji =
      separators.count >= 2 && separators[0] == "年" && separators[1] == "月"
      && (separators.count == 2 || (separators.count == 3 && separators[2] == "日"))
    let plain = separators.count == 2 && separators[0] == separators[1] && "-/.".contains(separators[0])
    guard kanji || plain else { return nil }
    return Parts(
      year: numbers[0].value, month: numbers[1].value, day: numbers[2].value, yearDigits: numbers[0].digits,
      monthDigits: numbers[1].digits, dayDigits: numbers[2].digits, kanjiSeparators: kanji,
      separator: separators[0])
  }
}

extension String {
  /// Without leading and trailing ASCII and ideographic spaces.
  func trimmingSpaces() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}
