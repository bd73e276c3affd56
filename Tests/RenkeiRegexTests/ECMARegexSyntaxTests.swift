import RenkeiRegex
import XCTest

/// The `u`-mode grammar: what it accepts, what it refuses (where browsers' Annex B would be
/// lenient), where errors are reported, and features refused as unsupported.
final class ECMARegexSyntaxTests: XCTestCase {
  func testAcceptsTheUnicodeModeGrammar() {
    let valid = [
      "", "a|", "|", "()", "(?:)", "[]", "[^]", "a{1}", "a{1,}", "a{1,2}", "a{0,0}", "a*?", "a+?", "a??",
      "a{2,3}?", "(?=a)", "(?!a)", "(?<=a)", "(?<!a)", "(?<=a+)b", "(?<name>a)\\k<name>", "(a)\\1", "\\1(a)",
      "\\k<n>(?<n>a)", "\\0", "[\\0]", "\\cA", "\\cz", "\\x00", "\\u0000", "\\u{10FFFF}", "\\uD800", "\\uD83D\\uDE00",
      "[\\b]", "[\\-]", "[a-]", "[-a]", "[\\d-]", "[-\\d]", "[\\]]", "[[]", "\\/", "/",
      "\\p{L}", "\\P{Lu}", "\\p{gc=L}", "\\p{Script=Latin}", "\\p{scx=Hira}", "[\\p{L}\\d]", "(?:a|b)*",
      "(?<a>x)|(?<a>y)", "(?:(?<a>x)|(?<a>y))\\k<a>", "(?<$_é>x)", "(?<\\u{61}b>x)", "a{99999999999999999999}",
      "(?:(?=a))*", "(?:(?<=a))+", "\\b\\B^$",
    ]
    for pattern in valid {
      XCTAssertNoThrow(try ECMARegex(pattern), pattern)
      XCTAssertTrue(ECMARegex.isValid(pattern), pattern)
    }
  }

  func testRefusesWhatUnicodeModeForbids() {
    // Each is an error with the `u` flag; most are accepted without it (Annex B leniency).
    let invalid = [
      "\\a", "\\e", "\\z", "\\A", "\\Z", "\\-", "\\_", "\\ ", "\\'", "{", "}", "]", "a{", "a{1", "a{1,", "a{,1}",
      "x{2}{3}", "\\c", "\\c1", "\\x1", "\\xg0", "\\u12", "\\u{}", "\\u{110000}", "\\u{12", "\\01", "\\1", "(a)\\2",
      "\\8", "\\k", "\\k<a>", "(?<a>x)\\k<b>", "[\\1]", "[\\k<a>]", "[\\B]", "[\\d-z]", "[a-\\d]", "[z-a]", "(?=a)*",
      "(?!a)+", "(?<=a)?", "(?<!a){2}", "^*", "$+", "\\b*", "\\B{1}", "\\p", "\\p{}", "\\p{Unknown}", "\\p{L",
      "\\p{lu}", "\\p{Script}", "\\p{Script=}", "\\p{Script=Klingon}", "\\p{gc=Latin}", "\\p{Block=Basic_Latin}",
      "\\p{Basic_Emoji}", "\\p{L=L}", "[\\w-\\d]",
    ]
    for pattern in invalid {
      assertSyntaxError(pattern)
      XCTAssertFalse(ECMARegex.isValid(pattern), pattern)
    }
  }

  func testRefusesStructuralErrors() {
    for pattern in [
      "(", "(a", ")", "a)", "(?", "(?a)", "(?<", "(?<a", "(?<>a)", "(?<1a>x)", "(?<a-b>x)", "[", "[a", "[^", "*",
      "+a", "?", "a**", "a++", "a?+", "a{2}*", "a|*", "(*)", "(?<a>x)(?<a>y)", "(?<a>x)(?:(?<a>y)|z)",
      "(?:(?<a>x)|y)(?<a>z)", "\\",
    ] {
      assertSyntaxError(pattern)
    }
  }

  func testRefusesSyntaxFromOtherEngines() {
    for pattern in [
      "(?P<name>x)", "(?P<n>a)(?P=n)", "(?#comment)a", "(?i)abc", "(?ims)abc", "(?>atomic)", "a*+", "a++",
      "(?|a|b)", "\\Qa.b\\E", "[[:alpha:]]", "\\h", "\\R", "\\X",
      "(?(1)a|b)", "\\g{1}", "a{,3}", "\\N{LATIN SMALL LETTER A}", "\\pL", "\\p{IsLatin}", "\\p{InBasicLatin}",
      "\\p{Latin}", "(?R)",
    ] {
      assertSyntaxError(pattern)
    }
  }

  func testReportsTheOffsetOfTheProblem() {
    assertSyntaxError("abc)", offset: 3)
    assertSyntaxError("ab(cd", offset: 2)
    assertSyntaxError("a[bc", offset: 1)
    assertSyntaxError("ab\\q", offset: 2)
    assertSyntaxError("a{2,1}", offset: 1)
    assertSyntaxError("[b-a]", offset: 1)
    assertSyntaxError("x*+", offset: 2)
    assertSyntaxError("日本\\a", offset: 2)  // offsets count Unicode scalars
    assertSyntaxError("😀(", offset: 1)
    assertSyntaxError("(?<a>.)\\k<b>", offset: 7)
    assertSyntaxError("\\p{Foo}", offset: 0)
    do {
      _ = try ECMARegex("ab(")
      XCTFail("accepted")
    } catch {
      XCTAssertEqual(error.description, "invalid regular expression at offset 2: missing ')' for the group opened here")
    }
  }

  func testModifiersAreValidButUnsupported() {
    // ES2025 pattern modifiers need case folding, which this engine does not implement: they are
    // refused with a distinct kind so `format: "regex"` does not call them invalid.
    for pattern in ["(?i:a)", "(?m:^a)", "(?s:.)", "(?-i:a)", "(?i-:a)", "(?i-ms:a)", "x(?ims:a)"] {
      assertSyntaxError(pattern, kind: .unsupported)
      XCTAssertTrue(ECMARegex.isValid(pattern), pattern)
    }
    for pattern in ["(?ii:a)", "(?-:a)", "(?i-i:a)", "(?x:a)", "(?i)a", "(?i--m:a)"] {
      assertSyntaxError(pattern, kind: .invalid)
    }
  }

  func testLargeCountsParseWithoutOverflow() {
    assertNoMatch("^a{99999999999999999999}$", "aaa")
    assertMatches("^a{0,99999999999999999999}$", "aaa")
    assertSyntaxError("a{99999999999999999999,9999999999999999999}")
    assertMatches("^a{0009}$", "aaaaaaaaa")
  }

  func testDeepNestingIsRefusedNotCrashed() {
    let deep = String(repeating: "(", count: 100_000) + String(repeating: ")", count: 100_000)
    assertSyntaxError(deep)
  }
}
