/// Kanji numerals as dates and counts are written: digit by digit (`二〇二三`) or with the
/// positional 十, 百, 千 (`三十一`, `千九百八十九`).
public enum KanjiNumeral {
  private static let digits: [Character: Int] = [
    "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
  ]
  private static let units: [Character: Int] = ["十": 10, "百": 100, "千": 1000]

  public static func isNumeral(_ character: Character) -> Bool {
    digits[character] != nil || units[character] != nil
  }

  /// The value, or nil when the text is not a kanji numeral below 10,000.
  public static func value(of text: Substring) -> Int? {
    guard !text.isEmpty, text.allSatisfy(isNumeral) else { return nil }
    if !text.contains(where: { units[$0] != nil }) {
      return text.reduce(0) { $0 * 10 + digits[$1]! }
    }
    var total = 0
    var pending: Int? = nil
    var lastUnit = Int.max
    for character in text {
      if let digit = digits[character] {
        guard pending == nil else { return nil }
        pending = digit
      } else if let unit = units[character] {
        guard unit < lastUnit else { return nil }
        total += (pending ?? 1) * unit
        pending = nil
        lastUnit = unit
      }
    }
    return total + (pending ?? 0)
  }
}
