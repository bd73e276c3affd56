/// The Japanese eras (元号) of the modern calendar, with the first day each applies to in the
/// Gregorian calendar.
///
/// 明治 officially began on 1868-10-23 (慶応4年9月8日) and was applied back to 慶応4年1月1日
/// (1868-01-25), but Japan used the lunisolar calendar until 明治5年12月2日; 明治6年1月1日 is
/// 1873-01-01. Dates of 明治1–5年 are lunisolar and cannot be turned into Gregorian dates by
/// arithmetic, so `WarekiDate` rejects them (`firstConvertibleYear` is 6).
public enum JapaneseEra: String, Sendable, CaseIterable, Hashable {
  case meiji, taisho, showa, heisei, reiwa

  /// 明治, 大正, 昭和, 平成, 令和.
  public var kanji: String {
    switch self {
    case .meiji: return "明治"
    case .taisho: return "大正"
    case .showa: return "昭和"
    case .heisei: return "平成"
    case .reiwa: return "令和"
    }
  }

  /// The one-letter abbreviation (M, T, S, H, R).
  public var letter: Character {
    switch self {
    case .meiji: return "M"
    case .taisho: return "T"
    case .showa: return "S"
    case .heisei: return "H"
    case .reiwa: return "R"
    }
  }

  /// The first Gregorian day of the era (year, month, day).
  public var start: (year: Int, month: Int, day: Int) {
    switch self {
    case .meiji: return (1868, 1, 25)
    case .taisho: return (1912, 7, 30)
    case .showa: return (1926, 12, 25)
    case .heisei: return (1989, 1, 8)
    case .reiwa: return (2019, 5, 1)
    }
  }

  /// The last day of the era (the day before the next began); nil for the current era.
  public var end: (year: Int, month: Int, day: Int)? {
    switch self {
    case .meiji: return (1912, 7, 29)
    case .taisho: return (1926, 12, 24)
    case .showa: return (1989, 1, 7)
    case .heisei: return (2019, 4, 30)
    case .reiwa: return nil
    }
  }

  /// The first era year whose dates are Gregorian (6 for 明治, 1 otherwise).
  public var firstConvertibleYear: Int { self == .meiji ? 6 : 1 }

  /// The Gregorian year of era year `year` (元年 is 1).
  public func gregorianYear(_ year: Int) -> Int { start.year + year - 1 }

  /// The era named by a kanji name or a letter (either case, half- or full-width already folded).
  public init?(name: String) {
    for era in JapaneseEra.allCases where era.kanji == name || String(era.letter) == name.uppercased() {
      self = era
      return
    }
    return nil
  }
}
