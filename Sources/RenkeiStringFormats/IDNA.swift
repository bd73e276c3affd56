/// Host name validation shared by `hostname`, `idn-hostname` and the domains of `email` and `idn-email`:
/// RFC 1123 §2.1 host names made of LDH labels, and the IDNA2008 labels of RFC 5890-5893 (A-labels and, where
/// Unicode is allowed, U-labels).
enum IDNA {
  /// Longest label, in octets of its ASCII (A-label) form (RFC 1034 §3.1, RFC 5890 §2.3.2.1).
  static let maximumLabelLength = 63
  /// Longest name, in octets of its ASCII form without a final dot: 255 octets on the wire (RFC 1034 §3.1) hold
  /// 253 characters of text.
  static let maximumNameLength = 253

  /// How a domain may be written.
  struct Syntax {
    /// Whether labels may be U-labels (non-ASCII). Without it only LDH labels and A-labels are accepted.
    var allowsULabels: Bool
    /// Whether U+3002, U+FF0E and U+FF61 separate labels as "." does (RFC 3490 §3.1, kept by the JSON Schema
    /// Test Suite for `idn-hostname`).
    var allowsIdeographicFullStops: Bool

    /// `hostname`, and the domain of `email`: RFC 1123 host names whose "xn--" labels are valid A-labels.
    static let ascii = Syntax(allowsULabels: false, allowsIdeographicFullStops: false)
    /// `idn-hostname`.
    static let internationalized = Syntax(allowsULabels: true, allowsIdeographicFullStops: true)
    /// The domain of `idn-email` (RFC 6531 §3.3: `sub-domain =/ U-label`, labels separated by "." only).
    static let mailbox = Syntax(allowsULabels: true, allowsIdeographicFullStops: false)
  }

  /// Whether `bytes[start ..< end]` is a valid host name written with `syntax`:
  /// - one or more labels, none empty (so no leading, trailing or doubled separator), at most
  ///   ``maximumNameLength`` octets in ASCII form;
  /// - each label either an LDH label (RFC 1123 §2.1: letters, digits and hyphens, not starting or ending with a
  ///   hyphen), an A-label ("xn--" then Punycode that decodes to a valid U-label and re-encodes to the same text,
  ///   RFC 5890 §2.3.2.1, RFC 5891 §5.4), or, when allowed, a valid U-label; at most ``maximumLabelLength`` octets
  ///   in ASCII form (RFC 5891 §4.2.4);
  /// - the last (top-level) label is not all digits (RFC 1123 §2.1), so a dotted-decimal IPv4 address is not a
  ///   host name;
  /// - if any label is right-to-left, every label satisfies the Bidi Rule (RFC 5893 §2).
  ///
  /// U-labels are not required to be in NFC: the JSON Schema Test Suite expects a decomposed `idn-email` domain
  /// label to be valid.
  static func isValidDomain(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, syntax: Syntax
  ) -> Bool {
    guard start < end else { return false }
    var totalLength = -1
    var isBidiDomainName = false
    var lastLabelIsNumeric = false
    let labelsAreValid = forEachLabel(bytes, from: start, to: end, syntax: syntax) { label in
      guard let info = checkLabel(bytes, label, syntax: syntax) else { return false }
      totalLength += 1 + info.asciiLength
      isBidiDomainName = isBidiDomainName || info.isRightToLeft
      lastLabelIsNumeric = label.allSatisfy { ASCII.isDigit(bytes[$0]) }
      return totalLength <= maximumNameLength
    }
    // RFC 1123 §2.1: "a valid host name can never have the dotted-decimal form #.#.#.#, since at least the
    // highest-level component label will be alphabetic" (see also RFC 3696 §2).
    guard labelsAreValid, !lastLabelIsNumeric else { return false }
    guard isBidiDomainName else { return true }
    // RFC 5893 §2: in a Bidi domain name every label, LDH labels included, must satisfy the Bidi Rule.
    return forEachLabel(bytes, from: start, to: end, syntax: syntax) { label in
      satisfiesBidiRule(uLabelScalars(bytes, label).map { IDNAProperties($0).bidiClass })
    }
  }

  /// Calls `body` with the byte range of each label, stopping at the first `false`. Returns false if a label
  /// is empty or `body` returned false.
  private static func forEachLabel(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, syntax: Syntax,
    _ body: (Range<Int>) -> Bool
  ) -> Bool {
    var labelStart = start
    var index = start
    while index < end {
      let separatorLength: Int
      if bytes[index] == UInt8(ascii: ".") {
        separatorLength = 1
      } else if syntax.allowsIdeographicFullStops, isIdeographicFullStop(bytes, at: index, end: end) {
        separatorLength = 3
      } else {
        index += 1
        continue
      }
      guard index > labelStart, body(labelStart..<index) else { return false }
      index += separatorLength
      labelStart = index
    }
    // The last label; empty after a trailing separator.
    return index > labelStart && body(labelStart..<index)
  }

  /// U+3002 IDEOGRAPHIC FULL STOP (E3 80 82), U+FF0E FULLWIDTH FULL STOP (EF BC 8E) or U+FF61 HALFWIDTH
  /// IDEOGRAPHIC FULL STOP (EF BD A1).
  private static func isIdeographicFullStop(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Bool {
    guard end - index >= 3 else { return false }
    switch (bytes[index], bytes[index + 1], bytes[index + 2]) {
    case (0xE3, 0x80, 0x82), (0xEF, 0xBC, 0x8E), (0xEF, 0xBD, 0xA1): return true
    default: return false
    }
  }

  private struct LabelInfo {
    /// Length in octets of the label's ASCII form (the A-label for a U-label).
    var asciiLength: Int
    /// Whether the label contains a character of Bidi_Class R, AL or AN (RFC 5893 §1.4 "RTL label").
    var isRightToLeft: Bool
  }

  private static func checkLabel(_ bytes: UnsafeBufferPointer<UInt8>, _ label: Range<Int>, syntax: Syntax)
    -> LabelInfo?
  {
    var isASCII = true
    for i in label where bytes[i] >= 0x80 {
      isASCII = false
      break
    }
    if isASCII {
      guard isLDHLabel(bytes, label) else { return nil }
      if isALabel(bytes, label) {
        guard let uLabel = decodeALabel(bytes, label), isValidULabel(uLabel) else { return nil }
        return LabelInfo(asciiLength: label.count, isRightToLeft: isRightToLeft(uLabel))
      }
      return LabelInfo(asciiLength: label.count, isRightToLeft: false)
    }
    guard syntax.allowsULabels else { return nil }
    let uLabel = utf8Scalars(bytes, label)
    // Every code point takes at least one octet of the A-label after "xn--", so a longer label cannot fit.
    guard uLabel.count <= maximumLabelLength - 4, isValidULabel(uLabel), let encoded = Punycode.encode(uLabel),
      4 + encoded.count <= maximumLabelLength
    else { return nil }
    return LabelInfo(asciiLength: 4 + encoded.count, isRightToLeft: isRightToLeft(uLabel))
  }

  /// RFC 1123 §2.1 (relaxing RFC 952 to allow a leading digit): 1 to 63 letters, digits and hyphens, neither
  /// first nor last a hyphen. A hyphen pair in the third and fourth positions (an R-LDH label, RFC 5890 §2.3.1)
  /// is allowed: only "xn--" labels are reserved for IDNA, and those are checked as A-labels.
  private static func isLDHLabel(_ bytes: UnsafeBufferPointer<UInt8>, _ label: Range<Int>) -> Bool {
    guard !label.isEmpty, label.count <= maximumLabelLength,
      bytes[label.lowerBound] != UInt8(ascii: "-"), bytes[label.upperBound - 1] != UInt8(ascii: "-")
    else { return false }
    for i in label where !(ASCII.isLetterOrDigit(bytes[i]) || bytes[i] == UInt8(ascii: "-")) { return false }
    return true
  }

  /// Whether an LDH label starts with the ACE prefix "xn--", in any case (RFC 5890 §2.3.1).
  private static func isALabel(_ bytes: UnsafeBufferPointer<UInt8>, _ label: Range<Int>) -> Bool {
    let i = label.lowerBound
    return label.count >= 4 && ASCII.lowercased(bytes[i]) == UInt8(ascii: "x")
      && ASCII.lowercased(bytes[i + 1]) == UInt8(ascii: "n") && bytes[i + 2] == UInt8(ascii: "-")
      && bytes[i + 3] == UInt8(ascii: "-")
  }

  /// The U-label of an A-label, or nil if the label is not an A-label: RFC 5891 §5.4 lower-cases the label, then
  /// it must decode as Punycode (RFC 3492), contain a non-ASCII code point (RFC 5890 §2.3.2.1: a U-label is not
  /// all ASCII), and re-encode to exactly the same text (RFC 5891 §5.4, RFC 5890 §2.3.2.1).
  private static func decodeALabel(_ bytes: UnsafeBufferPointer<UInt8>, _ label: Range<Int>) -> [UInt32]? {
    let punycode = bytes[(label.lowerBound + 4)..<label.upperBound].map(ASCII.lowercased)
    guard let uLabel = Punycode.decode(punycode), uLabel.contains(where: { $0 >= 0x80 }),
      let reencoded = Punycode.encode(uLabel), reencoded == punycode
    else { return nil }
    return uLabel
  }

  /// The code points of a label in U-label form: an A-label is decoded, any other label is read as it is.
  private static func uLabelScalars(_ bytes: UnsafeBufferPointer<UInt8>, _ label: Range<Int>) -> [UInt32] {
    if isALabel(bytes, label), let uLabel = decodeALabel(bytes, label) { return uLabel }
    return utf8Scalars(bytes, label)
  }

  private static func utf8Scalars(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt32] {
    var scalars: [UInt32] = []
    scalars.reserveCapacity(range.count)
    var index = range.lowerBound
    while index < range.upperBound {
      let (value, length) = bytes.scalar(at: index)
      scalars.append(value)
      index += length
    }
    return scalars
  }

  // MARK: - U-labels

  /// Whether `label` is a valid U-label apart from its length and the Bidi Rule (RFC 5891 §5.4, which applies
  /// the tests of §4.2.2 and §4.2.3 to the label):
  /// - §4.2.3.1: no hyphen at both the third and fourth positions, none at the start or end;
  /// - §4.2.3.2: it does not begin with a combining mark (General_Category M);
  /// - §4.2.2 and §4.2.3.3: every code point is PVALID, or CONTEXTJ / CONTEXTO with its rule of RFC 5892
  ///   Appendix A satisfied (DISALLOWED and UNASSIGNED code points are never valid).
  static func isValidULabel(_ label: [UInt32]) -> Bool {
    guard let first = label.first, let last = label.last else { return false }
    let hyphen = UInt32(UInt8(ascii: "-"))
    guard first != hyphen, last != hyphen else { return false }
    if label.count >= 4, label[2] == hyphen, label[3] == hyphen { return false }
    let properties = label.map(IDNAProperties.init)
    if properties[0].isCombiningMark { return false }
    for index in label.indices {
      switch properties[index].derived {
      case .pvalid: continue
      case .disallowed: return false
      case .contextJ: if !ContextRules.allowsJoiner(at: index, in: label, properties) { return false }
      case .contextO: if !ContextRules.allowsOther(at: index, in: label, properties) { return false }
      }
    }
    return true
  }

  /// Whether a U-label contains a right-to-left character: Bidi_Class R, AL or AN (RFC 5893 §1.4).
  private static func isRightToLeft(_ label: [UInt32]) -> Bool {
    label.contains { scalar in
      guard scalar >= 0x0590 else { return false }  // nothing before the Hebrew block is R, AL or AN
      switch IDNAProperties(scalar).bidiClass {
      case .r, .al, .an: return true
      default: return false
      }
    }
  }

  /// The Bidi Rule of RFC 5893 §2, over the Bidi_Class of each character of a label.
  static func satisfiesBidiRule(_ classes: [IDNAProperties.BidiClass]) -> Bool {
    guard let first = classes.first else { return false }
    // The end of the label, ignoring trailing NSM (rules 3 and 6).
    guard let lastNonNSM = classes.last(where: { $0 != .nsm }) else { return false }
    switch first {
    case .r, .al:
      // Rules 2-4: an RTL label.
      var hasEN = false
      var hasAN = false
      for bidiClass in classes {
        switch bidiClass {
        case .r, .al, .es, .cs, .et, .on, .bn, .nsm: break
        case .en: hasEN = true
        case .an: hasAN = true
        default: return false
        }
      }
      guard !(hasEN && hasAN) else { return false }
      switch lastNonNSM {
      case .r, .al, .en, .an: return true
      default: return false
      }
    case .l:
      // Rules 5-6: an LTR label.
      for bidiClass in classes {
        switch bidiClass {
        case .l, .en, .es, .cs, .et, .on, .bn, .nsm: break
        default: return false
        }
      }
      return lastNonNSM == .l || lastNonNSM == .en
    default:
      // Rule 1: the first character must be L, R or AL.
      return false
    }
  }
}
