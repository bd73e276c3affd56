/// Tag resolution of the YAML 1.2 core schema (YAML 1.2.2 §10.3), producing JSON values.
/// Numbers come out as valid JSON lexemes; integers of any size stay exact.
public enum YAMLCoreSchema {
  /// What a scalar stands for in the JSON data model.
  enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A valid JSON number lexeme.
    case number(String)
    case string(String)
    /// A number JSON cannot hold (infinity, NaN, an absurdly long hex literal); `reason` says why.
    case notJSON(reason: String)
    /// The content does not fit its explicit core tag.
    case mismatch
  }

  /// The core tags with a JSON meaning.
  enum Tag: String, Sendable {
    case str, int, float, bool, null, seq, map

    static let prefix = "tag:yaml.org,2002:"

    init?(resolved tag: String) {
      guard tag.hasPrefix(Tag.prefix) else { return nil }
      self.init(rawValue: String(tag.dropFirst(Tag.prefix.count)))
    }

    /// How the tag is usually written, for messages.
    var shorthand: String { "!!" + rawValue }
  }

  /// Octal and hexadecimal literals longer than this are not converted to decimal (the
  /// conversion is quadratic, and no real data holds such numbers).
  public static let maxRadixDigits = 10_000

  /// An untagged plain scalar: null, bool, int, float, else string (YAML 1.2.2 §10.3.2).
  static func resolvePlain(_ text: String) -> Value {
    guard let first = text.utf8.first else { return .null }
    // Most plain scalars are words: skip the number patterns unless the first character fits.
    switch first {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
      let bytes = Array(text.utf8)
      if let value = integer(bytes) { return value }
      if let lexeme = float(bytes) { return .number(lexeme) }
      if isInfinityOrNaN(text) { return .notJSON(reason: nonFinite) }
      return .string(text)
    default:
      if isNull(text) { return .null }
      if let value = bool(text) { return .bool(value) }
      return .string(text)
    }
  }

  /// A scalar with an explicit core tag: its content must match that tag's forms.
  static func resolve(_ text: String, as tag: Tag) -> Value {
    switch tag {
    case .str:
      return .string(text)
    case .null:
      return isNull(text) ? .null : .mismatch
    case .bool:
      return bool(text).map(Value.bool) ?? .mismatch
    case .int:
      return integer(Array(text.utf8)) ?? .mismatch
    case .float:
      if isInfinityOrNaN(text) { return .notJSON(reason: nonFinite) }
      guard let lexeme = float(Array(text.utf8)) else { return .mismatch }
      // Keep the tag's intent visible in the lexeme: !!float 1 is 1.0.
      let isInteger = !lexeme.utf8.contains {
        $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
      }
      return .number(isInteger ? lexeme + ".0" : lexeme)
    case .seq, .map:
      return .mismatch
    }
  }

  static let nonFinite = "JSON numbers are finite (no infinity or NaN)"

  static func isNull(_ text: String) -> Bool {
    switch text {
    case "", "~", "null", "Null", "NULL": return true
    default: return false
    }
  }

  static func bool(_ text: String) -> Bool? {
    switch text {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: return nil
    }
  }

  static func isInfinityOrNaN(_ text: String) -> Bool {
    switch text {
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
      return true
    default:
      return false
    }
  }

  /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+` as a decimal JSON lexeme; nil otherwise.
  static func integer(_ b: [UInt8]) -> Value? {
    if b.count > 2, b[0] == UInt8(ascii: "0") {
      if b[1] == UInt8(ascii: "o"), b[2...].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) }) {
        return radix(b[2...], base: 8)
      }
      if b[1] == UInt8(ascii: "x"), b[2...].allSatisfy({ hexDigit($0) != nil }) {
        return radix(b[2...], base: 16)
      }
    }
    var i = 0
    var negative = false
    if let sign = b.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
      negative = sign == UInt8(ascii: "-")
      i = 1
    }
    guard i < b.count, b[i...].allSatisfy(isDigit) else { return nil }
    // Leading zeros are not JSON ("007" is 7); a lone 0 stays.
    while i < b.count - 1, b[i] == UInt8(ascii: "0") { i += 1 }
    return .number((negative ? "-" : "") + String(decoding: b[i...], as: UTF8.self))
  }

  /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` rewritten as a JSON number lexeme
  /// (sign '+' dropped, "0" added before a bare '.', ".0" for a bare trailing '.').
  static func float(_ b: [UInt8]) -> String? {
    var i = 0
    var out: [UInt8] = []
    if let sign = b.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
      if sign == UInt8(ascii: "-") { out.append(sign) }
      i = 1
    }
    let integerStart = i
    while i < b.count, isDigit(b[i]) { i += 1 }
    var integerPart = b[integerStart..<i]
    var fraction: ArraySlice<UInt8>? = nil
    if i < b.count, b[i] == UInt8(ascii: ".") {
      i += 1
      let fractionStart = i
      while i < b.count, isDigit(b[i]) { i += 1 }
      fraction = b[fractionStart..<i]
      // ".": a fraction needs digits on one side at least; "." alone and "-." are strings.
      if integerPart.isEmpty && fraction!.isEmpty { return nil }
    }
    if integerPart.isEmpty && fraction == nil { return nil }
    var exponent: ArraySlice<UInt8> = []
    if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
      let exponentStart = i
      i += 1
      if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
      let digitsStart = i
      while i < b.count, isDigit(b[i]) { i += 1 }
      if i == digitsStart { return nil }
      exponent = b[exponentStart..<i]
    }
    guard i == b.count else { return nil }
    while integerPart.count > 1, integerPart.first == UInt8(ascii: "0") { integerPart = integerPart.dropFirst() }
    out.append(contentsOf: integerPart.isEmpty ? [UInt8(ascii: "0")] : Array(integerPart))
    if let fraction {
      out.append(UInt8(ascii: "."))
      out.append(contentsOf: fraction.isEmpty ? [UInt8(ascii: "0")] : Array(fraction))
    }
    out.append(contentsOf: exponent)
    return String(decoding: out, as: UTF8.self)
  }

  /// Converts octal or hexadecimal digits to a decimal lexeme, exactly, in limbs of 10^18.
  static func radix(_ digits: ArraySlice<UInt8>, base: UInt64) -> Value {
    let significant = digits.drop { $0 == UInt8(ascii: "0") }
    guard significant.count <= maxRadixDigits else {
      return .notJSON(reason: "integers with more than \(maxRadixDigits) octal or hexadecimal digits are not converted")
    }
    let limbBase: UInt64 = 1_000_000_000_000_000_000
    // Digits consumed per step, keeping the multiplier below 10^18 (16^14 = 2^56, 8^19 = 2^57).
    let step = base == 16 ? 14 : 19
    var limbs: [UInt64] = [0]  // little-endian, each < 10^18
    var index = significant.startIndex
    while index < significant.endIndex {
      let end = significant.index(index, offsetBy: step, limitedBy: significant.endIndex) ?? significant.endIndex
      var multiplier: UInt64 = 1
      var chunk: UInt64 = 0
      for digit in significant[index..<end] {
        chunk = chunk * base + UInt64(hexDigit(digit)!)
        multiplier *= base
      }
      var carry = chunk
      for k in limbs.indices {
        let product = limbs[k].multipliedFullWidth(by: multiplier)
        let (low, overflow) = product.low.addingReportingOverflow(carry)
        let (quotient, remainder) = limbBase.dividingFullWidth((product.high + (overflow ? 1 : 0), low))
        limbs[k] = remainder
        carry = quotient
      }
      while carry > 0 {
        limbs.append(carry % limbBase)
        carry /= limbBase
      }
      index = end
    }
    var text = String(limbs.last!)
    for limb in limbs.dropLast().reversed() {
      let part = String(limb)
      text += String(repeating: "0", count: 18 - part.count) + part
    }
    return .number(text)
  }

  static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

  static func hexDigit(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
