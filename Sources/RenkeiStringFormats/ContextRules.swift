/// The contextual rules of RFC 5892 Appendix A for CONTEXTJ and CONTEXTO code points (RFC 5891 §4.2.3.3).
enum ContextRules {
  /// Appendix A.1 (ZERO WIDTH NON-JOINER, U+200C) and A.2 (ZERO WIDTH JOINER, U+200D).
  static func allowsJoiner(at index: Int, in label: [UInt32], _ properties: [IDNAProperties]) -> Bool {
    // Both: "If Canonical_Combining_Class(Before(cp)) .eq. Virama Then True".
    if index > 0, properties[index - 1].isVirama { return true }
    guard label[index] == 0x200C else { return false }
    // A.1 only: RegExpMatch((Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D})).
    var before = index - 1
    while before >= 0, properties[before].joiningType == .transparent { before -= 1 }
    guard before >= 0 else { return false }
    switch properties[before].joiningType {
    case .leftJoining, .dualJoining: break
    default: return false
    }
    var after = index + 1
    while after < label.count, properties[after].joiningType == .transparent { after += 1 }
    guard after < label.count else { return false }
    switch properties[after].joiningType {
    case .rightJoining, .dualJoining: return true
    default: return false
    }
  }

  /// Appendix A.3-A.9; a CONTEXTO code point without a rule is not allowed.
  static func allowsOther(at index: Int, in label: [UInt32], _ properties: [IDNAProperties]) -> Bool {
    let scalar = label[index]
    switch scalar {
    case 0x00B7:
      // A.3 MIDDLE DOT: between two "l" (U+006C).
      return index > 0 && index + 1 < label.count && label[index - 1] == 0x6C && label[index + 1] == 0x6C
    case 0x0375:
      // A.4 GREEK LOWER NUMERAL SIGN (KERAIA): followed by a Greek character.
      return index + 1 < label.count && properties[index + 1].script == .greek
    case 0x05F3, 0x05F4:
      // A.5 HEBREW PUNCTUATION GERESH, A.6 GERSHAYIM: preceded by a Hebrew character.
      return index > 0 && properties[index - 1].script == .hebrew
    case 0x30FB:
      // A.7 KATAKANA MIDDLE DOT: the label has a Hiragana, Katakana or Han character.
      return properties.contains { $0.script == .hiraganaKatakanaHan }
    case 0x0660...0x0669:
      // A.8 ARABIC-INDIC DIGITS: no EXTENDED ARABIC-INDIC DIGIT in the label.
      return !label.contains { (0x06F0...0x06F9).contains($0) }
    case 0x06F0...0x06F9:
      // A.9 EXTENDED ARABIC-INDIC DIGITS: no ARABIC-INDIC DIGIT in the label.
      return !label.contains { (0x0660...0x0669).contains($0) }
    default:
      return false
    }
  }
}
