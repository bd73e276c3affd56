/// Folds the width variants Japanese text mixes into one form: full-width ASCII (`０１２`, `ＡＢ`,
/// `－`) to half-width, and half-width katakana (`ｶﾀｶﾅ`) to full-width. Municipal files are typed
/// with Japanese input methods, which produce full-width digits and dashes unless told otherwise;
/// the GIF core data parts want half-width digits and full-width katakana.
public enum WidthFolding {
  /// Dashes that stand for a hyphen-minus between digits (`054ー626ー1139`): the long-vowel mark
  /// U+30FC, the horizontal bar U+2015, the hyphen U+2010, the minus sign U+2212, figure, en and
  /// em dashes, the full-width hyphen-minus U+FF0D and the half-width long-vowel mark U+FF70.
  public static let dashLikes: Set<Unicode.Scalar> = [
    "\u{30FC}", "\u{2015}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}", "\u{FF0D}",
    "\u{FF70}", "\u{FE63}",
  ]

  /// `０`–`９`.
  public static func isFullWidthDigit(_ scalar: Unicode.Scalar) -> Bool { (0xFF10...0xFF19).contains(scalar.value) }

  /// Whether the text holds a full-width digit. Works on UTF-8 bytes without decoding: ０–９ are
  /// EF BC 90 – EF BC 99.
  public static func containsFullWidthDigits(_ text: String) -> Bool {
    let utf8 = text.utf8
    return utf8.withContiguousStorageIfAvailable { containsFullWidthDigits($0) }
      ?? text.unicodeScalars.contains(where: isFullWidthDigit)
  }

  /// The same check on UTF-8 bytes.
  public static func containsFullWidthDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    guard count >= 3, let base = bytes.baseAddress else { return false }
    var i = 0
    while i + 2 < count {
      // Eight bytes at a time while none is 0xEF (the lead byte of every full-width form): this
      // runs on every text cell, and most have none.
      if i + 8 <= count {
        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ 0xEFEF_EFEF_EFEF_EFEF
        if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 == 0 {
          i += 8
          continue
        }
      }
      if base[i] == 0xEF && base[i + 1] == 0xBC && (0x90...0x99).contains(base[i + 2]) { return true }
      i += 1
    }
    return false
  }

  /// Whether the text holds any full-width ASCII variant (U+FF01–U+FF5E) or the ideographic space.
  public static func containsFullWidthASCII(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0xFF01...0xFF5E).contains($0.value) || $0.value == 0x3000 }
  }

  /// Full-width ASCII variants (U+FF01–U+FF5E) to ASCII and the ideographic space U+3000 to a
  /// space; everything else is kept.
  public static func toHalfWidthASCII(_ text: String) -> String {
    guard containsFullWidthASCII(text) else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if (0xFF01...0xFF5E).contains(scalar.value) {
        scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
      } else if scalar.value == 0x3000 {
        scalars.append(" ")
      } else {
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  /// For values that should be numbers, codes or phone numbers: full-width ASCII folded to ASCII,
  /// and any dash-like character next to a digit read as `-` (`０５４ー６２６` → `054-626`). A
  /// long-vowel mark between katakana is left alone.
  public static func foldNumeric(_ text: String) -> String {
    let folded = Array(toHalfWidthASCII(text).unicodeScalars)
    var out = String.UnicodeScalarView()
    for (index, scalar) in folded.enumerated() {
      if dashLikes.contains(scalar) {
        let before = index > 0 ? folded[index - 1] : nil
        let after = index + 1 < folded.count ? folded[index + 1] : nil
        let digitBefore = before.map { ("0"..."9").contains($0) || $0 == ")" } ?? false
        let digitAfter = after.map { ("0"..."9").contains($0) || $0 == "(" } ?? false
        if digitBefore || digitAfter {
          out.append("-")
          continue
        }
      }
      out.append(scalar)
    }
    return String(out)
  }

  /// Whether the text holds half-width katakana (U+FF61–U+FF9F).
  public static func containsHalfWidthKatakana(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0xFF61...0xFF9F).contains($0.value) }
  }

  /// Half-width katakana and punctuation (U+FF61–U+FF9F) to full-width, joining a following
  /// voiced (ﾞ) or semi-voiced (ﾟ) sound mark with its kana (`ｶﾞ` → `ガ`, `ﾊﾟ` → `パ`).
  public static func toFullWidthKatakana(_ text: String) -> String {
    guard containsHalfWidthKatakana(text) else { return text }
    var out = String.UnicodeScalarView()
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      let value = scalar.value
      guard (0xFF61...0xFF9F).contains(value) else {
        out.append(scalar)
        index += 1
        continue
      }
      let base = halfWidthKana[Int(value - 0xFF61)]
      let next = index + 1 < scalars.count ? scalars[index + 1].value : 0
      if next == 0xFF9E, let voiced = voicedForms[base] {
        out.append(voiced)
        index += 2
      } else if next == 0xFF9F, let semi = semiVoicedForms[base] {
        out.append(semi)
        index += 2
      } else {
        out.append(base)
        index += 1
      }
    }
    return String(out)
  }

  /// Full-width forms of U+FF61 … U+FF9F, in order.
  private static let halfWidthKana: [Unicode.Scalar] = Array(
    "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜"
      .unicodeScalars)

  private static let voicedForms: [Unicode.Scalar: Unicode.Scalar] = {
    var map: [Unicode.Scalar: Unicode.Scalar] = [:]
    for (plain, voiced) in zip("カキクケコサシスセソタチツテトハヒフヘホ".unicodeScalars, "ガギグゲゴザジズゼゾダヂヅデドバビブベボ".unicodeScalars) {
      map[plain] = voiced
    }
    map["ウ"] = "ヴ"
    map["ワ"] = "ヷ"
    map["ヲ"] = "ヺ"
    return map
  }()

  private static let semiVoicedForms: [Unicode.Scalar: Unicode.Scalar] = {
    var map: [Unicode.Scalar: Unicode.Scalar] = [:]
    for (plain, semi) in zip("ハヒフヘホ".unicodeScalars, "パピプペポ".unicodeScalars) { map[plain] = semi }
    return map
  }()
}
