/// Resolves `\p{...}` expressions to matchers, with exactly the (case-sensitive) names and
/// aliases that ECMA-262 allows: General_Category values, the binary properties of its table of
/// binary Unicode properties, and Script / Script_Extensions values.
///
/// General_Category and almost all binary properties are answered by `Unicode.Scalar.Properties`;
/// Script, Script_Extensions, Emoji_Component and Extended_Pictographic, which Swift does not
/// expose, come from the generated `UnicodeScriptData` tables (Unicode 17, the version of the
/// Swift 6.3 runtime).
enum UnicodePropertyResolver {
  enum Resolution {
    case ranges(ScalarRanges)
    case predicate(ScalarPredicate)
  }

  struct Failure: Error {
    let kind: ECMARegexSyntaxError.Kind
    let message: String
  }

  static func resolve(name: String?, value: String) throws(Failure) -> Resolution {
    switch name {
    case nil:
      if let mask = generalCategoryMasks[value] { return .predicate(generalCategory(mask)) }
      if let binary = binaryProperties[value] { return binary }
      throw Failure(kind: .invalid, message: "unknown Unicode property '\(value)'")
    case "General_Category", "gc":
      guard let mask = generalCategoryMasks[value] else {
        throw Failure(kind: .invalid, message: "unknown General_Category value '\(value)'")
      }
      return .predicate(generalCategory(mask))
    case "Script", "sc":
      guard let script = scriptIDs[value] else {
        throw Failure(kind: .invalid, message: "unknown Script value '\(value)'")
      }
      return .ranges(scriptRanges(script))
    case "Script_Extensions", "scx":
      guard let script = scriptIDs[value] else {
        throw Failure(kind: .invalid, message: "unknown Script_Extensions value '\(value)'")
      }
      return .ranges(scriptExtensionRanges(script))
    case let name?:
      throw Failure(kind: .invalid, message: "unknown Unicode property name '\(name)'")
    }
  }

  // MARK: General_Category

  private static func bit(_ category: Unicode.GeneralCategory) -> UInt32 {
    switch category {
    case .uppercaseLetter: 1 << 0
    case .lowercaseLetter: 1 << 1
    case .titlecaseLetter: 1 << 2
    case .modifierLetter: 1 << 3
    case .otherLetter: 1 << 4
    case .nonspacingMark: 1 << 5
    case .spacingMark: 1 << 6
    case .enclosingMark: 1 << 7
    case .decimalNumber: 1 << 8
    case .letterNumber: 1 << 9
    case .otherNumber: 1 << 10
    case .connectorPunctuation: 1 << 11
    case .dashPunctuation: 1 << 12
    case .openPunctuation: 1 << 13
    case .closePunctuation: 1 << 14
    case .initialPunctuation: 1 << 15
    case .finalPunctuation: 1 << 16
    case .otherPunctuation: 1 << 17
    case .mathSymbol: 1 << 18
    case .currencySymbol: 1 << 19
    case .modifierSymbol: 1 << 20
    case .otherSymbol: 1 << 21
    case .spaceSeparator: 1 << 22
    case .lineSeparator: 1 << 23
    case .paragraphSeparator: 1 << 24
    case .control: 1 << 25
    case .format: 1 << 26
    case .surrogate: 1 << 27
    case .privateUse: 1 << 28
    case .unassigned: 1 << 29
    @unknown default: 1 << 29
    }
  }

  private static func generalCategory(_ mask: UInt32) -> ScalarPredicate {
    ScalarPredicate { bit($0.properties.generalCategory) & mask != 0 }
  }

  /// Every General_Category value name and alias from PropertyValueAliases.txt, as ECMA-262 lists them.
  private static let generalCategoryMasks: [String: UInt32] = {
    let single: [(names: [String], category: Unicode.GeneralCategory)] = [
      (["Lu", "Uppercase_Letter"], .uppercaseLetter), (["Ll", "Lowercase_Letter"], .lowercaseLetter),
      (["Lt", "Titlecase_Letter"], .titlecaseLetter), (["Lm", "Modifier_Letter"], .modifierLetter),
      (["Lo", "Other_Letter"], .otherLetter), (["Mn", "Nonspacing_Mark"], .nonspacingMark),
      (["Mc", "Spacing_Mark"], .spacingMark), (["Me", "Enclosing_Mark"], .enclosingMark),
      (["Nd", "Decimal_Number", "digit"], .decimalNumber), (["Nl", "Letter_Number"], .letterNumber),
      (["No", "Other_Number"], .otherNumber), (["Pc", "Connector_Punctuation"], .connectorPunctuation),
      (["Pd", "Dash_Punctuation"], .dashPunctuation), (["Ps", "Open_Punctuation"], .openPunctuation),
      (["Pe", "Close_Punctuation"], .closePunctuation), (["Pi", "Initial_Punctuation"], .initialPunctuation),
      (["Pf", "Final_Punctuation"], .finalPunctuation), (["Po", "Other_Punctuation"], .otherPunctuation),
      (["Sm", "Math_Symbol"], .mathSymbol), (["Sc", "Currency_Symbol"], .currencySymbol),
      (["Sk", "Modifier_Symbol"], .modifierSymbol), (["So", "Other_Symbol"], .otherSymbol),
      (["Zs", "Space_Separator"], .spaceSeparator), (["Zl", "Line_Separator"], .lineSeparator),
      (["Zp", "Paragraph_Separator"], .paragraphSeparator), (["Cc", "Control", "cntrl"], .control),
      (["Cf", "Format"], .format), (["Cs", "Surrogate"], .surrogate), (["Co", "Private_Use"], .privateUse),
      (["Cn", "Unassigned"], .unassigned),
    ]
    var masks: [String: UInt32] = [:]
    for (names, category) in single { for name in names { masks[name] = bit(category) } }
    let groups: [(names: [String], members: [String])] = [
      (["L", "Letter"], ["Lu", "Ll", "Lt", "Lm", "Lo"]), (["LC", "Cased_Letter"], ["Lu", "Ll", "Lt"]),
      (["M", "Mark", "Combining_Mark"], ["Mn", "Mc", "Me"]), (["N", "Number"], ["Nd", "Nl", "No"]),
      (["P", "Punctuation", "punct"], ["Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"]),
      (["S", "Symbol"], ["Sm", "Sc", "Sk", "So"]), (["Z", "Separator"], ["Zs", "Zl", "Zp"]),
      (["C", "Other"], ["Cc", "Cf", "Cs", "Co", "Cn"]),
    ]
    for (names, members) in groups {
      let mask = members.reduce(UInt32(0)) { $0 | masks[$1]! }
      for name in names { masks[name] = mask }
    }
    return masks
  }()

  // MARK: Binary properties

  /// ECMA-262's binary properties (canonical name and short alias).
  private static let binaryProperties: [String: Resolution] = {
    func test(_ body: @escaping @Sendable (Unicode.Scalar.Properties) -> Bool) -> Resolution {
      .predicate(ScalarPredicate { body($0.properties) })
    }
    func pairs(_ flat: [UInt32]) -> Resolution {
      .ranges(ScalarRanges(normalizing: stride(from: 0, to: flat.count, by: 2).map { flat[$0]...flat[$0 + 1] }))
    }
    let table: [(names: [String], resolution: Resolution)] = [
      (["ASCII"], .ranges(ScalarRanges(normalizing: [0...0x7F]))),
      (["ASCII_Hex_Digit", "AHex"], test(\.isASCIIHexDigit)),
      (["Alphabetic", "Alpha"], test(\.isAlphabetic)),
      (["Any"], .ranges(.all)),
      (["Assigned"], test { $0.generalCategory != .unassigned }),
      (["Bidi_Control", "Bidi_C"], test(\.isBidiControl)),
      (["Bidi_Mirrored", "Bidi_M"], test(\.isBidiMirrored)),
      (["Case_Ignorable", "CI"], test(\.isCaseIgnorable)),
      (["Cased"], test(\.isCased)),
      (["Changes_When_Casefolded", "CWCF"], test(\.changesWhenCaseFolded)),
      (["Changes_When_Casemapped", "CWCM"], test(\.changesWhenCaseMapped)),
      (["Changes_When_Lowercased", "CWL"], test(\.changesWhenLowercased)),
      (["Changes_When_NFKC_Casefolded", "CWKCF"], test(\.changesWhenNFKCCaseFolded)),
      (["Changes_When_Titlecased", "CWT"], test(\.changesWhenTitlecased)),
      (["Changes_When_Uppercased", "CWU"], test(\.changesWhenUppercased)),
      (["Dash"], test(\.isDash)),
      (["Default_Ignorable_Code_Point", "DI"], test(\.isDefaultIgnorableCodePoint)),
      (["Deprecated", "Dep"], test(\.isDeprecated)),
      (["Diacritic", "Dia"], test(\.isDiacritic)),
      (["Emoji"], test(\.isEmoji)),
      (["Emoji_Component", "EComp"], pairs(UnicodeScriptData.emojiComponent)),
      (["Emoji_Modifier", "EMod"], test(\.isEmojiModifier)),
      (["Emoji_Modifier_Base", "EBase"], test(\.isEmojiModifierBase)),
      (["Emoji_Presentation", "EPres"], test(\.isEmojiPresentation)),
      (["Extended_Pictographic", "ExtPict"], pairs(UnicodeScriptData.extendedPictographic)),
      (["Extender", "Ext"], test(\.isExtender)),
      (["Grapheme_Base", "Gr_Base"], test(\.isGraphemeBase)),
      (["Grapheme_Extend", "Gr_Ext"], test(\.isGraphemeExtend)),
      (["Hex_Digit", "Hex"], test(\.isHexDigit)),
      (["IDS_Binary_Operator", "IDSB"], test(\.isIDSBinaryOperator)),
      (["IDS_Trinary_Operator", "IDST"], test(\.isIDSTrinaryOperator)),
      (["ID_Continue", "IDC"], test(\.isIDContinue)),
      (["ID_Start", "IDS"], test(\.isIDStart)),
      (["Ideographic", "Ideo"], test(\.isIdeographic)),
      (["Join_Control", "Join_C"], test(\.isJoinControl)),
      (["Logical_Order_Exception", "LOE"], test(\.isLogicalOrderException)),
      (["Lowercase", "Lower"], test(\.isLowercase)),
      (["Math"], test(\.isMath)),
      (["Noncharacter_Code_Point", "NChar"], test(\.isNoncharacterCodePoint)),
      (["Pattern_Syntax", "Pat_Syn"], test(\.isPatternSyntax)),
      (["Pattern_White_Space", "Pat_WS"], test(\.isPatternWhitespace)),
      (["Quotation_Mark", "QMark"], test(\.isQuotationMark)),
      (["Radical"], test(\.isRadical)),
      (["Regional_Indicator", "RI"], .ranges(ScalarRanges(normalizing: [0x1F1E6...0x1F1FF]))),
      (["Sentence_Terminal", "STerm"], test(\.isSentenceTerminal)),
      (["Soft_Dotted", "SD"], test(\.isSoftDotted)),
      (["Terminal_Punctuation", "Term"], test(\.isTerminalPunctuation)),
      (["Unified_Ideograph", "UIdeo"], test(\.isUnifiedIdeograph)),
      (["Uppercase", "Upper"], test(\.isUppercase)),
      (["Variation_Selector", "VS"], test(\.isVariationSelector)),
      (["White_Space", "space"], test(\.isWhitespace)),
      (["XID_Continue", "XIDC"], test(\.isXIDContinue)),
      (["XID_Start", "XIDS"], test(\.isXIDStart)),
    ]
    var result: [String: Resolution] = [:]
    for (names, resolution) in table { for name in names { result[name] = resolution } }
    return result
  }()

  // MARK: Script and Script_Extensions

  /// Every Script value spelling (four-letter code, long name, extra aliases) to its id.
  private static let scriptIDs: [String: Int] = {
    var ids: [String: Int] = [:]
    for (id, names) in UnicodeScriptData.scripts.enumerated() { for name in names { ids[name] = id } }
    return ids
  }()

  /// The `Script` runs as (first code point, last code point, script id).
  private static func scriptRuns() -> [(ClosedRange<UInt32>, Int)] {
    let runs = UnicodeScriptData.scriptRuns
    return runs.indices.map { index in
      let end = index + 1 < runs.count ? (runs[index + 1] >> 8) - 1 : ScalarRanges.maxCodePoint
      return ((runs[index] >> 8)...end, Int(runs[index] & 0xFF))
    }
  }

  static func scriptRanges(_ script: Int) -> ScalarRanges {
    ScalarRanges(normalizing: scriptRuns().compactMap { $0.1 == script ? $0.0 : nil })
  }

  static func scriptExtensionRanges(_ script: Int) -> ScalarRanges {
    let plain = scriptRanges(script).ranges
    let runs = UnicodeScriptData.extensionRuns
    var result: [ClosedRange<UInt32>] = []
    for index in runs.indices {
      let end = index + 1 < runs.count ? (runs[index + 1] >> 8) - 1 : ScalarRanges.maxCodePoint
      let span = (runs[index] >> 8)...end
      let setIndex = Int(runs[index] & 0xFF)
      if setIndex == 0xFF {
        // No extension data: the code points keep their single Script value.
        for range in plain where range.overlaps(span) {
          result.append(max(range.lowerBound, span.lowerBound)...min(range.upperBound, span.upperBound))
        }
      } else if UnicodeScriptData.extensionSets[setIndex].contains(UInt8(script)) {
        result.append(span)
      }
    }
    return ScalarRanges(normalizing: result)
  }
}
