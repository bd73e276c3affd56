/// Checks for `名称_カナ`-style columns, which the recommended datasets define as 全角カナ
/// (full-width katakana).
///
/// Accepted: katakana U+30A1–U+30FA, the long-vowel mark ー, the middle dot ・, the iteration
/// marks ヽヾ, spaces (ideographic and ASCII, for names of several words) and digits (half- and
/// full-width: names such as 第2庁舎 are read ダイ2チョウシャ). Everything else — hiragana,
/// kanji, Latin letters, brackets, half-width katakana, dashes typed for ー (― U+2015, ‐, −) — is
/// reported; half-width katakana, hiragana and such dashes with the katakana they stand for.
public enum Katakana {
  /// What a value holds that full-width katakana should not.
  public struct Verdict: Sendable, Hashable {
    /// The characters that are not allowed, in order of first appearance (each once).
    public var offending: [Character]
    /// Whether some of them are half-width katakana.
    public var hasHalfWidthKatakana: Bool
    /// Whether some of them are hiragana.
    public var hasHiragana: Bool
    /// The value with half-width katakana widened and hiragana turned into katakana, when that
    /// leaves only allowed characters; nil otherwise.
    public var suggestion: String?

    public var isValid: Bool { offending.isEmpty }
  }

  /// Whether a scalar may appear in a full-width katakana value.
  @inline(__always)
  public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return (0x30A1...0x30FA).contains(value) || (0x30FB...0x30FE).contains(value) || value == 0x3000
      || value == 0x20 || (0x30...0x39).contains(value) || (0xFF10...0xFF19).contains(value)
  }

  /// Fast check on UTF-8 bytes: true when every character is allowed.
  public static func isFullWidthKatakana(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let count = bytes.count
    while i < count {
      let b0 = bytes[i]
      if b0 < 0x80 {
        guard b0 == 0x20 || (0x30...0x39).contains(b0) else { return false }
        i += 1
        continue
      }
      // Katakana U+30A1–U+30FE: E3 82 A1 – E3 83 BE; ideographic space E3 80 80; ０-９ EF BC 90-99.
      guard i + 2 < count else { return false }
      let b1 = bytes[i + 1]
      let b2 = bytes[i + 2]
      let ok: Bool
      if b0 == 0xE3 {
        ok = (b1 == 0x82 && b2 >= 0xA1) || (b1 == 0x83 && b2 <= 0xBE) || (b1 == 0x80 && b2 == 0x80)
      } else {
        ok = b0 == 0xEF && b1 == 0xBC && (0x90...0x99).contains(b2)
      }
      guard ok else { return false }
      i += 3
    }
    return true
  }

  public static func isFullWidthKatakana(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(isAllowed) }

  /// What is wrong with the value (an empty `offending` list when nothing is).
  public static func check(_ text: String) -> Verdict {
    var offending: [Character] = []
    var seen = Set<Character>()
    var halfWidth = false
    var hiragana = false
    for character in text {
      guard let scalar = character.unicodeScalars.first,
        character.unicodeScalars.count > 1 || !isAllowed(scalar)
      else { continue }
      if (0xFF61...0xFF9F).contains(scalar.value) { halfWidth = true }
      if (0x3041...0x3096).contains(scalar.value) || (0x309D...0x309E).contains(scalar.value) { hiragana = true }
      if seen.insert(character).inserted { offending.append(character) }
    }
    guard !offending.isEmpty else {
      return Verdict(offending: [], hasHalfWidthKatakana: false, hasHiragana: false, suggestion: nil)
    }
    var converted = String.UnicodeScalarView()
    var dashLike = false
    for scalar in WidthFolding.toFullWidthKatakana(text).unicodeScalars {
      if WidthFolding.dashLikes.contains(scalar) && scalar != "ー" {
        // ― ‐ − － typed for the long-vowel mark.
        converted.append("ー")
        dashLike = true
      } else if (0x3041...0x3096).contains(scalar.value) || (0x309D...0x309E).contains(scalar.value) {
        converted.append(Unicode.Scalar(scalar.value + 0x60)!)
      } else {
        converted.append(scalar)
      }
    }
    let candidate = String(converted)
    let suggestion = (halfWidth || hiragana || dashLike) && isFullWidthKatakana(candidate) ? candidate : nil
    return Verdict(offending: offending, hasHalfWidthKatakana: halfWidth, hasHiragana: hiragana, suggestion: suggestion)
  }
}
