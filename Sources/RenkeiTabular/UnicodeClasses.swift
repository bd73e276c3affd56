/// The character classes XML Schema regular expressions name: general categories (`\p{Lu}`,
/// `\p{L}`), blocks (`\p{IsHiragana}`) and the multi-character escapes (`\d`, `\w`, `\i`, `\c`).
/// Categories come from the Unicode data of the Swift runtime.
enum UnicodeClasses {
  /// Runs of equal general category over all code points: (first code point, category index).
  private static let categoryRuns: [(start: UInt32, category: UInt8)] = {
    var runs: [(UInt32, UInt8)] = []
    var previous: UInt8 = 255
    for value in UInt32(0)...ScalarSet.maxScalar {
      let category: UInt8
      if let scalar = Unicode.Scalar(value) {
        category = index(of: scalar.properties.generalCategory)
      } else {
        category = index(of: .surrogate)
      }
      if category != previous {
        runs.append((value, category))
        previous = category
      }
    }
    return runs
  }()

  private static let categoryNames: [String] = [
    "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
    "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn",
  ]

  private static func index(of category: Unicode.GeneralCategory) -> UInt8 {
    switch category {
    case .uppercaseLetter: return 0
    case .lowercaseLetter: return 1
    case .titlecaseLetter: return 2
    case .modifierLetter: return 3
    case .otherLetter: return 4
    case .nonspacingMark: return 5
    case .spacingMark: return 6
    case .enclosingMark: return 7
    case .decimalNumber: return 8
    case .letterNumber: return 9
    case .otherNumber: return 10
    case .connectorPunctuation: return 11
    case .dashPunctuation: return 12
    case .openPunctuation: return 13
    case .closePunctuation: return 14
    case .initialPunctuation: return 15
    case .finalPunctuation: return 16
    case .otherPunctuation: return 17
    case .mathSymbol: return 18
    case .currencySymbol: return 19
    case .modifierSymbol: return 20
    case .otherSymbol: return 21
    case .spaceSeparator: return 22
    case .lineSeparator: return 23
    case .paragraphSeparator: return 24
    case .control: return 25
    case .format: return 26
    case .surrogate: return 27
    case .privateUse: return 28
    case .unassigned: return 29
    @unknown default: return 29
    }
  }

  /// The scalars whose general category is one of `categories` (two-letter names).
  static func categories(_ names: Set<String>) -> ScalarSet {
    let wanted = Set(names.compactMap { categoryNames.firstIndex(of: $0).map(UInt8.init) })
    var ranges: [ClosedRange<UInt32>] = []
    for (index, run) in categoryRuns.enumerated() where wanted.contains(run.category) {
      let end = index + 1 < categoryRuns.count ? categoryRuns[index + 1].start - 1 : ScalarSet.maxScalar
      ranges.append(run.start...end)
    }
    return ScalarSet(ranges)
  }

  /// A `\p{...}` property: a category (`L`, `Lu` ...) or a block (`IsBasicLatin` ...); nil if unknown.
  static func property(_ name: String) -> ScalarSet? {
    if name.hasPrefix("Is") {
      let key = String(name.dropFirst(2)).lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
      return blocks[key].map { ScalarSet([$0]) }
    }
    if name.count == 1 {
      let group = categoryNames.filter { $0.hasPrefix(name) }
      return group.isEmpty ? nil : categories(Set(group))
    }
    return categoryNames.contains(name) ? categories([name]) : nil
  }

  /// `\d`: decimal digits of any script (`\p{Nd}`), so full-width `１` is a digit, as in XML Schema.
  static var digit: ScalarSet { categories(["Nd"]) }

  /// `\w`: everything but punctuation, separators and "other" characters.
  static var word: ScalarSet {
    categories(Set(categoryNames.filter { $0.hasPrefix("P") || $0.hasPrefix("Z") || $0.hasPrefix("C") })).complement
  }

  /// `\s`: space, tab, line feed, carriage return.
  static let space = ScalarSet([0x20...0x20, 0x09...0x0A, 0x0D...0x0D])

  /// `\i`: characters that may start an XML name (XML 1.0 fifth edition NameStartChar).
  static let nameStart = ScalarSet([
    0x3A...0x3A, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
    0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF,
    0xFDF0...0xFFFD, 0x10000...0xEFFFF,
  ])

  /// `\c`: characters that may appear in an XML name (NameChar).
  static let nameCharacter = nameStart.union(
    ScalarSet([0x2D...0x2E, 0x30...0x39, 0xB7...0xB7, 0x300...0x36F, 0x203F...0x2040]))

  /// Unicode blocks by name (lower case, without spaces, hyphens or underscores).
  static let blocks: [String: ClosedRange<UInt32>] = [
    "basiclatin": 0x0000...0x007F, "latin1supplement": 0x0080...0x00FF, "latinextendeda": 0x0100...0x017F,
    "latinextendedb": 0x0180...0x024F, "ipaextensions": 0x0250...0x02AF, "spacingmodifierletters": 0x02B0...0x02FF,
    "combiningdiacriticalmarks": 0x0300...0x036F, "greek": 0x0370...0x03FF, "greekandcoptic": 0x0370...0x03FF,
    "cyrillic": 0x0400...0x04FF, "armenian": 0x0530...0x058F, "hebrew": 0x0590...0x05FF, "arabic": 0x0600...0x06FF,
    "syriac": 0x0700...0x074F, "thaana": 0x0780...0x07BF, "devanagari": 0x0900...0x097F, "bengali": 0x0980...0x09FF,
    "gurmukhi": 0x0A00...0x0A7F, "gujarati": 0x0A80...0x0AFF, "oriya": 0x0B00...0x0B7F, "tamil": 0x0B80...0x0BFF,
    "telugu": 0x0C00...0x0C7F, "kannada": 0x0C80...0x0CFF, "malayalam": 0x0D00...0x0D7F, "sinhala": 0x0D80...0x0DFF,
    "thai": 0x0E00...0x0E7F, "lao": 0x0E80...0x0EFF, "tibetan": 0x0F00...0x0FFF, "myanmar": 0x1000...0x109F,
    "georgian": 0x10A0...0x10FF, "hanguljamo": 0x1100...0x11FF, "ethiopic": 0x1200...0x137F,
    "cherokee": 0x13A0...0x13FF, "unifiedcanadianaboriginalsyllabics": 0x1400...0x167F, "ogham": 0x1680...0x169F,
    "runic": 0x16A0...0x16FF, "khmer": 0x1780...0x17FF, "mongolian": 0x1800...0x18AF,
    "latinextendedadditional": 0x1E00...0x1EFF, "greekextended": 0x1F00...0x1FFF,
    "generalpunctuation": 0x2000...0x206F, "superscriptsandsubscripts": 0x2070...0x209F,
    "currencysymbols": 0x20A0...0x20CF, "combiningmarksforsymbols": 0x20D0...0x20FF,
    "letterlikesymbols": 0x2100...0x214F, "numberforms": 0x2150...0x218F, "arrows": 0x2190...0x21FF,
    "mathematicaloperators": 0x2200...0x22FF, "miscellaneoustechnical": 0x2300...0x23FF,
    "controlpictures": 0x2400...0x243F, "opticalcharacterrecognition": 0x2440...0x245F,
    "enclosedalphanumerics": 0x2460...0x24FF, "boxdrawing": 0x2500...0x257F, "blockelements": 0x2580...0x259F,
    "geometricshapes": 0x25A0...0x25FF, "miscellaneoussymbols": 0x2600...0x26FF, "dingbats": 0x2700...0x27BF,
    "braillepatterns": 0x2800...0x28FF, "cjkradicalssupplement": 0x2E80...0x2EFF, "kangxiradicals": 0x2F00...0x2FDF,
    "ideographicdescriptioncharacters": 0x2FF0...0x2FFF, "cjksymbolsandpunctuation": 0x3000...0x303F,
    "hiragana": 0x3040...0x309F, "katakana": 0x30A0...0x30FF, "bopomofo": 0x3100...0x312F,
    "hangulcompatibilityjamo": 0x3130...0x318F, "kanbun": 0x3190...0x319F, "bopomofoextended": 0x31A0...0x31BF,
    "katakanaphoneticextensions": 0x31F0...0x31FF, "enclosedcjklettersandmonths": 0x3200...0x32FF,
    "cjkcompatibility": 0x3300...0x33FF, "cjkunifiedideographsextensiona": 0x3400...0x4DBF,
    "cjkunifiedideographs": 0x4E00...0x9FFF, "yisyllables": 0xA000...0xA48F, "yiradicals": 0xA490...0xA4CF,
    "hangulsyllables": 0xAC00...0xD7AF, "privateuse": 0xE000...0xF8FF, "cjkcompatibilityideographs": 0xF900...0xFAFF,
    "alphabeticpresentationforms": 0xFB00...0xFB4F, "arabicpresentationformsa": 0xFB50...0xFDFF,
    "combininghalfmarks": 0xFE20...0xFE2F, "cjkcompatibilityforms": 0xFE30...0xFE4F,
    "smallformvariants": 0xFE50...0xFE6F, "arabicpresentationformsb": 0xFE70...0xFEFF,
    "halfwidthandfullwidthforms": 0xFF00...0xFFEF, "specials": 0xFFF0...0xFFFF,
  ]
}
