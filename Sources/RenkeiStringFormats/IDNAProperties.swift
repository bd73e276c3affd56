/// The IDNA2008 properties of one code point, unpacked from ``IDNATables``.
///
/// Bit layout of a packed value: bits 0-1 derived property, bits 2-5 Bidi_Class, bits 6-8 Joining_Type,
/// bits 9-10 script group, bit 11 combining mark, bit 12 virama. For DISALLOWED code points the value is 0
/// (their other properties never decide a verdict), except that ASCII code points keep their Bidi_Class.
struct IDNAProperties {
  /// Derived property value (RFC 5892 §2). UNASSIGNED code points are folded into `disallowed`.
  enum DerivedProperty: UInt16 {
    case disallowed = 0
    case pvalid = 1
    case contextJ = 2
    case contextO = 3
  }

  /// Bidi_Class values that the Bidi Rule (RFC 5893 §2) distinguishes; `other` is any of B, S, WS, LRE, LRO,
  /// RLE, RLO, PDF, LRI, RLI, FSI, PDI.
  enum BidiClass: UInt16 {
    case l = 0
    case r, al, en, es, cs, et, on, bn, nsm, an, other
  }

  /// Joining_Type values (Unicode ArabicShaping.txt and DerivedJoiningType.txt), for RFC 5892 Appendix A.1.
  enum JoiningType: UInt16 {
    case nonJoining = 0  // U
    case leftJoining  // L
    case rightJoining  // R
    case dualJoining  // D
    case transparent  // T
    case joinCausing  // C
  }

  /// The Script values that the CONTEXTO rules of RFC 5892 Appendix A.4, A.5 and A.7 ask about.
  enum ScriptGroup: UInt16 {
    case other = 0
    case greek
    case hebrew
    /// Hiragana, Katakana or Han.
    case hiraganaKatakanaHan
  }

  let raw: UInt16

  init(_ scalar: UInt32) {
    // Binary search for the last run starting at or before `scalar`.
    raw = IDNATables.runStarts.withUnsafeBufferPointer { starts in
      var low = 0
      var high = starts.count
      while high - low > 1 {
        let middle = (low + high) / 2
        if starts[middle] <= scalar { low = middle } else { high = middle }
      }
      return IDNATables.runValues[low]
    }
  }

  var derived: DerivedProperty { DerivedProperty(rawValue: raw & 0x3)! }
  var bidiClass: BidiClass { BidiClass(rawValue: (raw >> 2) & 0xF) ?? .other }
  var joiningType: JoiningType { JoiningType(rawValue: (raw >> 6) & 0x7) ?? .nonJoining }
  var script: ScriptGroup { ScriptGroup(rawValue: (raw >> 9) & 0x3)! }
  /// General_Category Mn, Mc or Me: a combining mark (RFC 5891 §4.2.3.2).
  var isCombiningMark: Bool { raw & (1 << 11) != 0 }
  /// Canonical_Combining_Class Virama (9).
  var isVirama: Bool { raw & (1 << 12) != 0 }
}
