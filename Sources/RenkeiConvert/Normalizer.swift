import RenkeiJapanese

/// A cleaning step applied to a column's text before it is typed and mapped. Each is
/// idempotent, so a value already in standard form passes unchanged (the round trip relies on
/// it). The Japanese rules live in RenkeiJapanese; this type only chooses and chains them.
public enum Normalizer: String, Sendable, CaseIterable {
  /// Surrounding spaces (ASCII and U+3000) removed; always applied first.
  case trim
  /// Full-width ASCII (digits, letters, punctuation) and U+3000 to half width.
  case width
  /// For numbers and codes: half width, and dash-like characters between digits read as `-`.
  case numeric
  /// Half-width katakana to full width, hiragana to katakana (名称_カナ).
  case katakana
  /// A Japanese phone number in the DS-445 spelling `054-626-1139` (parentheses around the area
  /// code become a hyphen).
  case phone
  /// 和暦, kanji-numeral and slashed dates to ISO 8601 `YYYY-MM-DD`.
  case date
  /// A time of day (`9:00`, `９時３０分`, `9時`) as `HH:MM`.
  case time
  /// 曜日 (`月～金`, `月・水・金`, `12345`) as the kanji run `月火水木金土日祝`.
  case weekdays

  public enum Outcome: Sendable, Equatable {
    case value(String)
    /// The text cannot be read this way: why.
    case invalid(String)
  }

  public func apply(_ text: String) -> Outcome {
    // Values already in standard form (most of them) pass without being rebuilt.
    if isStandard(text) { return .value(text) }
    switch self {
    case .trim: return .value(text.trimmingSpacesForConversion)
    case .width: return .value(WidthFolding.toHalfWidthASCII(text))
    case .numeric: return .value(WidthFolding.foldNumeric(text))
    case .katakana:
      let full = WidthFolding.toFullWidthKatakana(text)
      return .value(Katakana.check(full).suggestion ?? full)
    case .phone:
      guard let normalized = JapanesePhoneNumber.normalized(text) else {
        return .invalid("not a Japanese phone number")
      }
      return .value(Self.unparenthesized(normalized))
    case .date:
      if let basic = Self.basicDate(text) { return .value(basic) }
      switch WarekiDate.parse(text) {
      case .success(let date): return .value(date.iso)
      case .failure(let failure): return .invalid("not a date (\(failure))")
      }
    case .time:
      guard let time = TimeOfDay.parse(text) else { return .invalid("not a time of day") }
      return .value(time.text)
    case .weekdays:
      switch Weekdays.parse(text) {
      case .success(let days): return .value(Self.kanjiDays(days))
      case .failure(let invalid): return .invalid("no day of the week in \(invalid.parts.joined(separator: ", "))")
      }
    }
  }

  private func isStandard(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { isStandard($0) }
  }

  /// A quick test, on bytes, for text this normalizer would leave as it is.
  func isStandard(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var ascii: Bool { !bytes.contains { $0 >= 0x80 } }
    switch self {
    case .trim:
      guard let first = bytes.first, let last = bytes.last else { return true }
      return first > 0x20 && last > 0x20 && first != 0xE3 && !(bytes.count >= 3 && bytes[bytes.count - 3] == 0xE3)
    case .width, .numeric: return ascii
    case .katakana: return !ascii && Katakana.isFullWidthKatakana(bytes)
    case .phone:
      return ascii && !bytes.contains(UInt8(ascii: "(")) && !bytes.contains(UInt8(ascii: " "))
        && JapanesePhoneNumber.isPlainValid(String(decoding: bytes, as: UTF8.self))
    case .time:
      // HH:MM
      guard bytes.count == 5, bytes[2] == UInt8(ascii: ":") else { return false }
      func digit(_ index: Int) -> Int { (0x30...0x39).contains(bytes[index]) ? Int(bytes[index]) - 0x30 : 99 }
      let (h1, h2, m1, m2) = (digit(0), digit(1), digit(3), digit(4))
      return h1 * 10 + h2 <= 30 && m1 < 6 && m2 <= 9
    case .date:
      // YYYY-MM-DD with a real day.
      guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
      let digits = [0, 1, 2, 3, 5, 6, 8, 9].map { Int(bytes[$0]) - 0x30 }
      guard digits.allSatisfy({ (0...9).contains($0) }) else { return false }
      return WarekiDate.isValidDay(
        digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3], digits[4] * 10 + digits[5],
        digits[6] * 10 + digits[7])
    case .weekdays: return false
    }
  }

  /// ISO 8601 basic format `20190101` (half or full width) as `2019-01-01`, when it is a real day.
  static func basicDate(_ text: String) -> String? {
    let digits = WidthFolding.toHalfWidthASCII(text).compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
    guard digits.count == 8, WidthFolding.toHalfWidthASCII(text).count == 8 else { return nil }
    let year = digits[0...3].reduce(0) { $0 * 10 + $1 }
    let month = digits[4] * 10 + digits[5]
    let day = digits[6] * 10 + digits[7]
    guard WarekiDate.isValidDay(year, month, day) else { return nil }
    return WarekiDate(year: year, month: month, day: day).iso
  }

  /// `(054)626-1139` → `054-626-1139`; other spellings unchanged.
  static func unparenthesized(_ number: String) -> String {
    guard number.hasPrefix("("), let close = number.firstIndex(of: ")") else { return number }
    let area = number[number.index(after: number.startIndex)..<close]
    var rest = number[number.index(after: close)...]
    if rest.hasPrefix("-") { rest = rest.dropFirst() }
    return area + "-" + rest
  }

  private static let dayNames: [Character] = ["月", "火", "水", "木", "金", "土", "日"]

  static func kanjiDays(_ days: Weekdays) -> String {
    String(days.days.sorted().map { dayNames[$0 - 1] }) + (days.holidays ? "祝" : "")
  }
}

extension String {
  /// Without leading and trailing ASCII whitespace and ideographic spaces.
  var trimmingSpacesForConversion: String {
    // Most cells have no space at either end: decided on the first and last bytes (U+3000 is
    // E3 80 80 in UTF-8).
    guard let firstByte = utf8.first, let lastByte = utf8.last else { return self }
    func mayBeSpace(_ byte: UInt8, _ ideographic: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A || byte == ideographic
    }
    guard mayBeSpace(firstByte, 0xE3) || mayBeSpace(lastByte, 0x80) else { return self }
    guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
    func isSpace(_ scalar: Unicode.Scalar) -> Bool {
      scalar == " " || scalar == "\t" || scalar == "\u{3000}" || scalar == "\r" || scalar == "\n"
    }
    guard isSpace(first) || isSpace(last) else { return self }
    let scalars = unicodeScalars
    guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
    let end = scalars.lastIndex(where: { !isSpace($0) })!
    return String(scalars[start...end])
  }
}
