/// Telephone numbers as the GIF core data parts write them (デジタル庁 DS-445 コアデータパーツ
/// 電話番号, 2022-03-31): half-width digits, `-` as the separator, the area code optionally in
/// parentheses (`(054)626-1139`, `054-626-1139`, `(09999)9-9999`), mobile numbers without
/// parentheses (`090-1234-5678`), free dial `0120-999999`, international `+81 (03)5253-5111`,
/// an extension after the number (`(09)9999-9999 内線999`), several numbers joined by ` / `.
///
/// A domestic number has 10 digits (fixed lines, 0120, 0570) or 11 (070/080/090 mobile, 050 IP,
/// 0800 free dial) and starts with 0.
public enum JapanesePhoneNumber {
  /// Something a value does differently from DS-445.
  public enum Problem: Sendable, Hashable {
    /// Full-width digits, hyphens or parentheses (`０５４－６２６－１１３９`).
    case fullWidth
    /// A separator other than `-`: a space, a dot, a long-vowel mark, a dash.
    case otherSeparator(Character)
    /// A number that does not start with 0 (or +country code).
    case missingLeadingZero(String)
    /// A number with the wrong count of digits.
    case digitCount(String, count: Int)
    /// Characters that belong to no telephone number (`代表`, `FAX`).
    case unexpectedText(String)
    /// Parentheses around something other than the area code, or unbalanced.
    case misplacedParentheses(String)
  }

  /// The problems of a value; empty when it follows DS-445.
  public static func problems(_ text: String) -> [Problem] {
    var problems: [Problem] = []
    if WidthFolding.containsFullWidthASCII(text) { problems.append(.fullWidth) }
    let folded = WidthFolding.toHalfWidthASCII(text)
    for number in folded.split(separator: " / ", omittingEmptySubsequences: false).map(String.init) {
      problems += numberProblems(number)
    }
    var unique: [Problem] = []
    for problem in problems where !unique.contains(problem) { unique.append(problem) }
    return unique
  }

  public static func isValid(_ text: String) -> Bool { isPlainValid(text) || problems(text).isEmpty }

  /// The DS-445 spelling of the value when only widths or separators are off (`０５４ー６２６ー１１３９`
  /// → `054-626-1139`); nil when the digits themselves are wrong.
  public static func normalized(_ text: String) -> String? {
    var folded = WidthFolding.foldNumeric(text)
    for dot in [".", "．"] { folded = folded.replacing(dot, with: "-") }
    let result = folded.trimmingSpaces()
    return result.split(separator: " / ", omittingEmptySubsequences: false).allSatisfy({
      numberProblems(String($0)).isEmpty
    }) ? result : nil
  }

  /// The usual case, checked on bytes: `0` then digits and hyphens (one optional parenthesised
  /// area code), 10 or 11 digits.
  public static func isPlainValid(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { isPlainValid($0) }
  }

  /// The same on UTF-8 bytes (a validator's cells, without making a string).
  public static func isPlainValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var digits = 0
    var previousHyphen = true
    var open = false
    var closed = false
    var first = true
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if first && byte != UInt8(ascii: "0") { return false }
        digits += 1
        previousHyphen = false
      case UInt8(ascii: "-"):
        if previousHyphen || open { return false }
        previousHyphen = true
      case UInt8(ascii: "("):
        guard first, !closed else { return false }
        open = true
        previousHyphen = true
        first = true
        continue
      case UInt8(ascii: ")"):
        guard open, digits >= 2 else { return false }
        open = false
        closed = true
        previousHyphen = true
      default:
        return false
      }
      first = false
    }
    return !previousHyphen && !open && (digits == 10 || digits == 11)
  }

  private static func numberProblems(_ raw: String) -> [Problem] {
    var number = raw.trimmingSpaces()
    // An extension: `内線999`, `内線 999`, `(内線999)`.
    if let range = number.firstRange(of: "内線") {
      let tail = number[range.upperBound...].filter { !" )）".contains($0) }
      number = String(number[..<range.lowerBound]).trimmingSpaces()
      if number.hasSuffix("(") || number.hasSuffix("（") { number = String(number.dropLast()).trimmingSpaces() }
      if tail.isEmpty || !tail.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) {
        return [.unexpectedText("内線" + tail)]
      }
    }
    guard !number.isEmpty else { return [.unexpectedText(raw)] }
    if isPlainValid(number) { return [] }
    var problems: [Problem] = []
    var national = number
    if national.hasPrefix("+") {
      // +81 (03)5253-5111, +81 3-5253-5111, +81-3-5253-5111.
      let afterPlus = national.dropFirst()
      let code = afterPlus.prefix { $0.isASCII && $0.isNumber }
      guard !code.isEmpty else { return [.unexpectedText(number)] }
      var rest = afterPlus.dropFirst(code.count)
      if rest.first == " " || rest.first == "-" { rest = rest.dropFirst() }
      national = String(rest)
      if code == "81" && !national.hasPrefix("0") && !national.hasPrefix("(0") { national = "0" + national }
      if code != "81" { return [] }
    }
    var digits = 0
    var depth = 0
    var parenthesised = 0
    var sawParenthesis = false
    var unexpected = ""
    for character in national {
      if character.isASCII && character.isNumber {
        digits += 1
        if depth > 0 { parenthesised += 1 }
      } else if character == "-" {
        continue
      } else if character == "(" {
        if sawParenthesis || digits > 0 { problems.append(.misplacedParentheses(number)) }
        sawParenthesis = true
        depth += 1
      } else if character == ")" {
        depth -= 1
      } else if WidthFolding.dashLikes.contains(character.unicodeScalars.first!) || character == " "
        || character == "."
      {
        problems.append(.otherSeparator(character))
      } else {
        unexpected.append(character)
      }
    }
    if depth != 0 { problems.append(.misplacedParentheses(number)) }
    if !unexpected.isEmpty { problems.append(.unexpectedText(unexpected)) }
    let digitString = national.filter { $0.isASCII && $0.isNumber }
    if !digitString.isEmpty && !digitString.hasPrefix("0") {
      problems.append(.missingLeadingZero(number))
    } else if digits != 10 && digits != 11 && unexpected.isEmpty {
      problems.append(.digitCount(number, count: digits))
    }
    if problems.isEmpty && parenthesised > 0 && national.hasPrefix("(0") == false {
      problems.append(.misplacedParentheses(number))
    }
    return problems
  }
}
