/// 法人番号 (corporate number): 13 half-width digits, the first a check digit over the other 12
/// (行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 / 法人番号の指定等に関する省令 第2条):
/// with P(n) the n-th of the 12 digits counted from the right and Q(n) = 1 for odd n, 2 for even
/// n, the check digit is 9 − (Σ P(n)·Q(n) mod 9). 国税庁's own number 7000012050002 checks.
public enum CorporateNumber {
  /// The check digit of a 12-digit base number; nil unless 12 ASCII digits.
  public static func checkDigit(of base: String) -> Int? {
    let digits = base.utf8.map { Int($0) - 0x30 }
    guard digits.count == 12, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
    var sum = 0
    for (offset, digit) in digits.reversed().enumerated() { sum += digit * (offset % 2 == 0 ? 1 : 2) }
    return 9 - sum % 9
  }

  /// Whether the text is a 13-digit corporate number with a correct check digit.
  public static func isValid(_ text: String) -> Bool {
    guard text.utf8.count == 13, let first = text.first?.wholeNumberValue, text.first!.isASCII,
      let expected = checkDigit(of: String(text.dropFirst()))
    else { return false }
    return first == expected
  }
}
