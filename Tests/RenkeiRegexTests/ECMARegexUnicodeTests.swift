import RenkeiRegex
import XCTest

/// Where ECMA-262 differs from other engines (PCRE, Python, ICU, .NET), Unicode properties, and
/// Japanese text.
final class ECMARegexUnicodeTests: XCTestCase {
  func testDigitIsASCIIOnly() {
    assertNoMatch("\\d", "٣", "߀", "৪", "３")  // Arabic-Indic, NKo, Bengali, fullwidth digits
    assertMatches("^\\D$", "٣", "３")
    assertNoMatch("[\\d]", "٣")
  }

  func testWordIsASCIIOnly() {
    assertNoMatch("\\w", "é", "ß", "π", "日", "ー")
    assertMatches("^\\W$", "é", "日")
    assertMatches("\\wcole", "l'ecole")
    assertNoMatch("\\wcole", "l'école")
  }

  func testSpaceIsTheECMAWhiteSpaceAndLineTerminatorSet() {
    for space in [
      "\t", "\n", "\u{B}", "\u{C}", "\r", " ", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{2028}",
      "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}",
    ] {
      assertMatches("^\\s$", space)
      assertNoMatch("\\S", space)
    }
    // Not White_Space in ECMA-262 although some engines say so (NEL, zero-width space, MVS).
    assertNoMatch("\\s", "\u{85}", "\u{200B}", "\u{180E}", "\u{1}")
  }

  func testAnchorsIgnoreLineBreaks() {
    assertNoMatch("^b", "a\nb", "a\rb", "a\u{2028}b")
    assertNoMatch("a$", "a\nb", "a\n", "a\r\n")
    assertNoMatch("^abc$", "abc\n")  // Python's and PCRE's '$' would match before the final '\n'
  }

  func testDotDoesNotMatchLineTerminators() {
    assertNoMatch("^.$", "\n", "\r", "\u{2028}", "\u{2029}")
    assertMatches("^.$", "\u{85}", "\u{B}", "\u{C}")  // NEL, VT and FF are not line terminators
  }

  func testGeneralCategoryProperties() {
    assertMatches("^\\p{L}+$", "Hello", "πολύ", "日本語", "ひらがな")
    assertNoMatch("\\p{L}", "123", " ", "!")
    assertMatches("^\\p{Letter}+$", "Hello")
    assertMatches("^\\p{Lu}$", "A", "Ä", "Ω")
    assertNoMatch("\\p{Lu}", "a", "ä", "1")
    assertMatches("^\\p{Ll}$", "a", "ß")
    assertMatches("^\\p{Lt}$", "ǅ")
    assertMatches("^\\p{Lm}$", "ー", "ʰ")
    assertMatches("^\\p{Lo}$", "日", "あ")
    assertMatches("^\\p{Nd}+$", "0123", "٣", "৪")
    assertMatches("^\\p{digit}+$", "৪২")  // 'digit' is an ECMA alias of Decimal_Number
    assertMatches("^\\p{Nl}$", "Ⅻ")
    assertMatches("^\\p{No}$", "½", "²")
    assertMatches("^\\p{N}+$", "1Ⅻ½")
    assertMatches("^\\p{P}+$", "!?.,「」")
    assertMatches("^\\p{Pd}$", "-", "—")
    assertMatches("^\\p{Ps}\\p{Pe}$", "()", "「」")
    assertMatches("^\\p{S}+$", "+$^©")
    assertMatches("^\\p{Sc}$", "€", "¥")
    assertMatches("^\\p{Sm}$", "+", "∑")
    assertMatches("^\\p{Zs}$", " ", "\u{3000}")
    assertMatches("^\\p{Z}$", "\u{2028}")
    assertMatches("^\\p{Cc}$", "\n")
    assertMatches("^\\p{Cf}$", "\u{200D}")
    assertMatches("^\\p{Co}$", "\u{E000}")
    assertMatches("^\\p{Cn}$", "\u{378}")
    assertMatches("^\\p{C}$", "\u{0}", "\u{378}")
    assertMatches("^\\p{Mn}$", "\u{301}")
    assertMatches("^\\p{M}$", "\u{301}", "\u{93E}")
    assertMatches("^\\p{gc=Lu}$", "A")
    assertMatches("^\\p{General_Category=Uppercase_Letter}$", "A")
    assertMatches("^\\P{L}+$", "123 !")
    assertNoMatch("\\P{L}", "abc")
    assertMatches("^\\p{Lu}\\p{Ll}+$", "Émile")
  }

  func testBinaryProperties() {
    assertMatches("^\\p{ASCII}+$", "abc~")
    assertNoMatch("\\p{ASCII}", "é")
    assertMatches("^\\p{Alphabetic}+$", "abcé日")
    assertMatches("^\\p{White_Space}$", "\u{85}")  // Unicode's White_Space includes NEL, unlike \s
    assertMatches("^\\p{Any}$", "\u{10FFFF}")
    assertMatches("^\\p{Assigned}$", "a")
    assertNoMatch("\\p{Assigned}", "\u{378}")
    assertMatches("^\\p{Emoji_Presentation}$", "😀")
    assertMatches("^\\p{Extended_Pictographic}$", "😀", "©")
    assertMatches("^\\p{Emoji_Component}$", "#", "\u{200D}")
    assertMatches("^\\p{RI}{2}$", "🇯🇵")
    assertMatches("^\\p{Uppercase}$", "A")
    assertMatches("^\\p{Hex}+$", "09afAF")
    assertMatches("^\\p{ID_Start}\\p{ID_Continue}*$", "名前1")
  }

  func testScriptProperties() {
    assertMatches("^\\p{Script=Latin}+$", "abcÉ")
    assertMatches("^\\p{sc=Greek}+$", "αβγ")
    assertMatches("^\\p{sc=Cyrl}+$", "кириллица")
    assertMatches("^\\p{Script=Han}+$", "漢字")
    assertNoMatch("\\p{Script=Han}", "かな", "カナ", "abc")
    assertMatches("^\\p{sc=Hiragana}+$", "ひらがな")
    assertMatches("^\\p{sc=Katakana}+$", "カタカナ")
    assertNoMatch("\\p{sc=Katakana}", "ー")  // the prolonged sound mark is Common
    assertMatches("^\\p{scx=Katakana}+$", "カー")  // but its Script_Extensions include Katakana
    assertMatches("^\\p{scx=Hira}+$", "ひー")
    assertMatches("^\\p{sc=Hangul}+$", "한국어")
    assertMatches("^\\p{sc=Arabic}+$", "عربي")
    assertMatches("^\\p{sc=Zyyy}$", "1", "ー")
    assertMatches("^\\p{sc=Inherited}$", "\u{301}")
    assertMatches("^\\p{sc=Qaai}$", "\u{301}")
    assertMatches("^\\p{sc=Zzzz}$", "\u{378}")
    assertMatches("^\\P{sc=Latin}+$", "日本")
    assertMatches("^[\\p{sc=Hira}\\p{sc=Kana}\\p{sc=Han}ー]+$", "日本語のテキスト")
    assertMatches("\\p{Script_Extensions=Latin}", "a")
  }

  func testJapaneseText() {
    // Katakana names with the prolonged sound mark, middle dot and both kinds of space.
    let katakana = "^[ァ-ヶー・　 ]+$"
    assertMatches(katakana, "カタカナ", "ヤマダ　タロウ", "ジョン・スミス", "コーヒー", "ヴァイオリン")
    assertNoMatch(katakana, "ひらがな", "漢字", "カタカナa", "", "ｶﾀｶﾅ")
    assertMatches("^[ぁ-ん]+$", "ひらがな")
    assertNoMatch("^[ぁ-ん]+$", "カタカナ")
    assertMatches("^[一-龠]+$", "漢字")
    assertMatches("^\\p{Script=Han}{2,4}$", "東京都")
    assertMatches("^〒?\\d{3}-\\d{4}$", "〒100-0001", "100-0001")
    assertNoMatch("^〒?\\d{3}-\\d{4}$", "１００-０００１")  // fullwidth digits are not \d
    assertMatches("^\\p{Nd}{3}-\\p{Nd}{4}$", "１００-０００１")
    assertExec("(?<姓>\\p{sc=Han}+)\\s(?<名>\\p{sc=Han}+)", "山田 太郎", ["山田 太郎", "山田", "太郎"])
    assertMatches("^.{5}$", "日本語です")
    assertMatches("東京", "ここは東京です")
    assertMatches("(?<=東京)都", "東京都")
  }

  func testNonBMPCodePoints() {
    assertMatches("^🐲*$", "", "🐲", "🐲🐲")
    assertNoMatch("^🐲*$", "🐉", "D")
    assertMatches("^\\u{1F432}$", "🐲")
    assertMatches("^[🐲🐉]{2}$", "🐲🐉")
    assertMatches("^\\p{So}$", "🐲")
    assertMatches("^𠮷野家$", "𠮷野家")  // a CJK extension B character
    assertMatches("^\\p{sc=Han}$", "𠮷")
  }
}
