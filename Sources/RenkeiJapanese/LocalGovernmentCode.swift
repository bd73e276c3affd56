/// 全国地方公共団体コード (JIS X 0402 with its check digit): six half-width digits, the first two
/// the prefecture (JIS X 0401, 01–47), the next three the municipality (000 the prefecture itself),
/// the last a check digit: with S = 6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5, the check digit is
/// (11 − S mod 11) mod 10, so a remainder of 0 gives 1 and a remainder of 1 gives 0. All 1,963
/// codes of the bundled list (code4fukui/localgovjp, CC0) satisfy it.
///
/// Real files get these codes wrong in three ways, each named by `classify`: the five-digit
/// code without the check digit (`22212` for `222127`), a code that lost its leading zero
/// when a spreadsheet read it as a number (`11002` for `011002`), and a wrong check digit.
public enum LocalGovernmentCode {
  /// What a value is.
  public enum Classification: Sendable, Hashable {
    /// A six-digit code with a correct check digit, in the list.
    case valid(code: String, name: String)
    /// A six-digit code with a correct check digit that is not in the list (a merged or
    /// abolished municipality, or a made-up code).
    case unknown(code: String)
    /// Six digits whose last is not the check digit; `expected` is the code with the right one.
    case wrongCheckDigit(expected: String)
    /// Five digits: the code without its check digit; `code` is the full code.
    case missingCheckDigit(code: String, name: String?)
    /// The code lost its leading zero (`11002` for `011002`, or `1100` for `011002`: zero and check
    /// digit both lost).
    case lostLeadingZero(code: String, name: String?)
    /// Not digits, or too few or too many of them.
    case malformed
  }

  /// The check digit of a five-digit code given as digit values.
  public static func checkDigit(_ digits: [Int]) -> Int {
    precondition(digits.count == 5)
    let sum = zip(digits, [6, 5, 4, 3, 2]).reduce(0) { $0 + $1.0 * $1.1 }
    return (11 - sum % 11) % 10
  }

  /// The check digit of a five-digit code (`"22212"` → 7); nil unless five ASCII digits.
  public static func checkDigit(of code: String) -> Int? {
    let digits = code.utf8.map { Int($0) - 0x30 }
    guard digits.count == 5, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
    return checkDigit(digits)
  }

  /// The name of a six-digit code in the list (`"222127"` → `静岡県焼津市`).
  public static func name(of code: String) -> String? {
    guard code.utf8.count == 6, let value = Int32(code) else { return nil }
    return name(ofValue: value)
  }

  /// The same for the code as a number.
  public static func name(ofValue value: Int32) -> String? {
    var low = 0
    var high = list.count - 1
    while low <= high {
      let mid = (low + high) / 2
      let entry = list[mid]
      if entry.code == value { return entry.name }
      if entry.code < value { low = mid + 1 } else { high = mid - 1 }
    }
    return nil
  }

  /// Whether the list has the code.
  public static func exists(_ code: String) -> Bool { name(of: code) != nil }

  /// Every code of the list, in order.
  public static var allCodes: [String] { list.map { pad(Int($0.code), 6) } }

  /// Fast path on UTF-8 bytes: six digits, correct check digit, in the list.
  public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count == 6 else { return false }
    var value: Int32 = 0
    var sum = 0
    for index in 0..<6 {
      let digit = Int(bytes[index]) - 0x30
      guard (0...9).contains(digit) else { return false }
      value = value * 10 + Int32(digit)
      if index < 5 { sum += digit * (6 - index) }
    }
    guard (11 - sum % 11) % 10 == Int(bytes[5]) - 0x30 else { return false }
    return name(ofValue: value) != nil
  }

  /// What the value is (full-width digits are not folded: fold them first if wanted).
  public static func classify(_ text: String) -> Classification {
    let digits = text.utf8.map { Int($0) - 0x30 }
    guard !digits.isEmpty, digits.allSatisfy({ (0...9).contains($0) }) else { return .malformed }
    switch digits.count {
    case 6:
      let expected = checkDigit(Array(digits[0..<5]))
      let code5 = String(text.prefix(5))
      guard expected == digits[5] else { return .wrongCheckDigit(expected: code5 + String(expected)) }
      if let name = name(of: text) { return .valid(code: text, name: name) }
      return .unknown(code: text)
    case 5:
      // Either the check digit is missing or the leading zero is; the list decides, else the
      // check digit: `0` + value is a full code only if its last digit checks.
      let withCheck = text + String(checkDigit(digits))
      let padded = "0" + text
      let paddedChecks = checkDigit(Array(([0] + digits)[0..<5])) == digits[4]
      if let name = name(of: withCheck) { return .missingCheckDigit(code: withCheck, name: name) }
      if paddedChecks, let name = name(of: padded) { return .lostLeadingZero(code: padded, name: name) }
      if paddedChecks { return .lostLeadingZero(code: padded, name: nil) }
      return .missingCheckDigit(code: withCheck, name: nil)
    case 4:
      // `1100`: the five-digit code 01100 read as a number.
      let code5 = [0] + digits
      let full = "0" + text + String(checkDigit(code5))
      if let name = name(of: full) { return .lostLeadingZero(code: full, name: name) }
      return .malformed
    default:
      return .malformed
    }
  }

  static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}
