import Foundation
import RenkeiRegex
import XCTest

/// Each construct matching and not matching, with expected results taken from ECMA-262's own
/// examples and from V8 (`new RegExp(p, "u").exec(s)`).
final class ECMARegexMatchingTests: XCTestCase {
  func testLiteralsSearchAnywhere() {
    assertMatches("abc", "abc", "xxabcxx", "ababc")
    assertNoMatch("abc", "", "ab", "acb", "ABC")
    assertMatches("", "", "anything")
    assertExec("b+", "abbbc", ["bbb"])
    assertMatches("a/b", "a/b")  // '/' needs no escape outside a regex literal
  }

  func testAnchorsMatchOnlyAtTheEnds() {
    assertMatches("^abc$", "abc")
    assertNoMatch("^abc$", "xabc", "abcx", "abc\n", "\nabc")
    assertMatches("^a", "ab")
    assertNoMatch("^a", "ba", "b\na")
    assertMatches("a$", "ba")
    assertNoMatch("a$", "ab", "a\nb", "a\n")
    assertMatches("^$", "")
    assertNoMatch("^$", "\n")
    assertMatches("^", "x")
    assertMatches("(?:^a|b)c", "xbc", "ac")
    assertNoMatch("(?:^a|b)c", "xac")
  }

  func testDotExcludesLineTerminators() {
    assertMatches("^.$", "a", "é", "😀", "\t", "\u{85}")
    assertNoMatch("^.$", "\n", "\r", "\u{2028}", "\u{2029}", "", "ab")
    assertMatches("^a.c$", "abc", "a\u{1F600}c")
    assertNoMatch("^a.c$", "a\nc")
  }

  func testAlternationPrefersTheLeftmostAlternative() {
    assertExec("a|ab", "abc", ["a"])
    assertExec("((a)|(ab))((c)|(bc))", "abc", ["abc", "a", "a", nil, "bc", nil, "bc"])
    assertMatches("^(?:cat|dog|bird)$", "cat", "dog", "bird")
    assertNoMatch("^(?:cat|dog|bird)$", "cow", "catdog")
    assertMatches("a|", "")
    assertExec("|a", "a", [""])
  }

  func testGreedyQuantifiers() {
    assertExec("a*", "aaab", ["aaa"])
    assertExec("a+", "baaa", ["aaa"])
    assertExec("a?b", "aab", ["ab"])
    assertExec("a{2}", "aaaa", ["aa"])
    assertExec("a{2,}", "aaaa", ["aaaa"])
    assertExec("a{2,3}", "aaaa", ["aaa"])
    assertExec("a{0}b", "ab", ["b"])
    assertMatches("^a{3}$", "aaa")
    assertNoMatch("^a{3}$", "aa", "aaaa")
    assertMatches("^a{2,3}$", "aa", "aaa")
    assertNoMatch("^a{2,3}$", "a", "aaaa")
    assertMatches("^(?:ab){2,}$", "abab", "ababab")
    assertNoMatch("^(?:ab){2,}$", "ab", "ababa")
    assertExec("(a|ab)(c|bcd)(d*)", "abcd", ["abcd", "a", "bcd", ""])
  }

  func testLazyQuantifiers() {
    assertExec("a*?", "aaa", [""])
    assertExec("a+?", "aaa", ["a"])
    assertExec("a??b", "ab", ["ab"])
    assertExec("a{2,}?", "aaaa", ["aa"])
    assertExec("a{2,3}?", "aaaa", ["aa"])
    assertExec("<.+?>", "<a><b>", ["<a>"])
    assertExec("<.+>", "<a><b>", ["<a><b>"])
    assertExec("(?:ab)*?c", "ababc", ["ababc"])
    assertExec("a[a-z]{2,4}?", "abcdefghi", ["abc"])
    assertExec("(aa|aabaac|ba|b|c)*", "aabaac", ["aaba", "ba"])
  }

  func testQuantifiedGroupsResetTheirCapturesEachIteration() {
    // ECMA-262 §22.2.2.3.1 RepeatMatcher, step 4, and its example.
    assertExec("(z)((a+)?(b+)?(c))*", "zaacbbbcac", ["zaacbbbcac", "z", "ac", "a", nil, "c"])
    assertExec("(?:(a)|b)+", "ab", ["ab", nil])
    assertExec("(?:(a)|(b))+", "ab", ["ab", nil, "b"])
  }

  func testEmptyIterationsEndALoop() {
    // An optional iteration that matches the empty string fails (RepeatMatcher step 2.b).
    assertExec("(a*)*", "b", ["", nil])
    assertExec("(a*)+", "b", ["", ""])
    assertExec("(a*)?", "b", ["", nil])
    assertExec("(?:a*)*b", "aab", ["aab"])
    assertExec("(a|)*b", "aab", ["aab", "a"])
    assertExec("(?:|a)*", "aaa", ["aaa"])  // the empty alternative fails, so 'a' is tried
    assertExec("(?:a|){2,}", "aaa", ["aaa"])
    assertExec("(\\b)*a", "a", ["a", nil])
  }

  func testCapturingNonCapturingAndNamedGroups() {
    assertExec("(a)(?:b)(c)", "abc", ["abc", "a", "c"])
    assertExec("(a(b(c)))", "abc", ["abc", "abc", "bc", "c"])
    assertExec("(?<year>\\d{4})-(?<month>\\d{2})", "on 2024-05-01", ["2024-05", "2024", "05"])
    let regex = regex("(?<year>\\d{4})-(?<month>\\d{2})")
    let text = "2024-05"
    let match = try? regex?.firstMatch(in: text)
    XCTAssertEqual(match?["year"].map { String(text[$0]) }, "2024")
    XCTAssertEqual(match?["month"].map { String(text[$0]) }, "05")
    XCTAssertNil(match?["day"])
    XCTAssertEqual(regex?.captureCount, 2)
    assertExec("(?<$>a)(?<_b1>b)(?<é>c)", "abc", ["abc", "a", "b", "c"])
    assertExec("(?<\\u0061>x)\\k<a>", "xx", ["xx", "x"])
  }

  func testBackreferences() {
    assertMatches("^(a+)b\\1$", "aabaa", "aba")
    assertNoMatch("^(a+)b\\1$", "aaba", "abaa")
    assertExec("(a*)b\\1+", "baaaac", ["b", ""])
    assertExec("(a)|\\1b", "b", ["b", nil])  // a group that did not participate matches empty
    assertExec("\\1(a)", "aa", ["a", "a"])  // so does a forward reference
    assertExec("(a\\1)", "aa", ["a", "a"])  // and a reference inside its own group
    assertMatches("^(?<q>['\"]).*\\k<q>$", "'x'", "\"x\"")
    assertNoMatch("^(?<q>['\"]).*\\k<q>$", "'x\"")
    assertMatches("^(?:(?<d>\\d)|(?<d>[a-z]))\\k<d>$", "11", "aa")  // ES2025 shared names
    assertNoMatch("^(?:(?<d>\\d)|(?<d>[a-z]))\\k<d>$", "1a")
    assertMatches("^(😀)\\1$", "😀😀")
    assertNoMatch("^(😀)\\1$", "😀😁")
    assertExec(
      "(.)(.)(.)(.)(.)(.)(.)(.)(.)(.)\\10", "abcdefghijj",
      ["abcdefghijj", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
  }

  func testLookahead() {
    assertExec("(?=(a+))", "baaabac", ["", "aaa"])
    assertExec("(?=(a+))a*b\\1", "baaabac", ["aba", "a"])
    assertMatches("^(?=.*\\d)(?=.*[a-z]).{6,}$", "abc123")
    assertNoMatch("^(?=.*\\d)(?=.*[a-z]).{6,}$", "abcdef", "123456", "ab12")
    assertMatches("foo(?!bar)", "foobaz", "foo")
    assertNoMatch("foo(?!bar)", "foobar")
    assertExec("(.*?)a(?!(a+)b\\2c)\\2(.*)", "baaabaac", ["baaabaac", "ba", nil, "abaac"])
    assertExec("(?!(a))\\1b", "b", ["b", nil])  // captures of a negative lookahead never leak
    // Lookaheads are atomic: no backtracking into them.
    assertExec("(?=(a+?))(\\1ab)", "aaab", ["aab", "a", "aab"])
    assertNoMatch("^(?=(a+))a\\1b$", "aaab")
  }

  func testLookbehind() {
    assertExec("(?<=\\$)\\d+(\\.\\d*)?", "cost $10.53", ["10.53", ".53"])
    assertNoMatch("(?<=\\$)\\d+", "cost 10")
    assertExec("(?<!\\$)\\b\\d+", "$10 and 20", ["20"])
    assertMatches("(?<=a+)b", "aab")  // variable width
    assertNoMatch("(?<=a+)b", "b")
    // Lookbehinds match right to left: greedy quantifiers take from the right first.
    assertExec("(?<=(\\d+)(\\d+))$", "1053", ["", "1", "053"])
    assertExec("(?<=(\\d+?)(\\d+?))$", "1053", ["", "5", "3"])
    // A backreference inside a lookbehind refers to a group to its right.
    assertExec("(?<=\\1(a))b", "aab", ["b", "a"])
    assertNoMatch("(?<=\\1(a))b", "ab c")
    assertExec("(?<=(?<!b)a)c", "ac bac", ["c"])
    assertMatches("(?<=😀)x", "😀x")
    assertNoMatch("(?<=😁)x", "😀x")
    assertExec("(?<=^|,)\\w+", "a,bc", ["a"])
    assertMatches("(?<=(?=ab)a)b", "ab")
  }

  func testCharacterClasses() {
    assertMatches("^[abc]+$", "abcba")
    assertNoMatch("^[abc]+$", "abd")
    assertMatches("^[^abc]$", "d", "😀")
    assertNoMatch("^[^abc]$", "a", "")
    assertMatches("^[a-cx-z]$", "b", "y")
    assertNoMatch("^[a-cx-z]$", "d", "w")
    assertMatches("^[-a]+$", "-a")
    assertMatches("^[a-]+$", "-a")
    assertMatches("^[\\w-]+$", "ab-c_1")
    assertMatches("^[a-c-e]+$", "-e")
    assertNoMatch("^[a-c-e]$", "d")
    assertMatches("^[--0]$", "-", ".", "/", "0")
    assertMatches("^[\\]\\\\\\-\\^]+$", "]\\-^")
    assertMatches("^[[]$", "[")
    assertMatches("^[\\b]$", "\u{8}")
    assertNoMatch("[]", "", "a", "[]")  // matches nothing
    assertMatches("^[^]$", "\n", "a")  // matches anything
    assertMatches("^[\\d\\s]+$", "1 2\t3")
    assertMatches("^[^\\d\\s]+$", "ab")
    assertNoMatch("^[^\\d\\s]+$", "a b", "a1")
    assertMatches("^[\\D]+$", "ab")
    assertMatches("^[😀-😂]$", "😁")
    assertNoMatch("^[😀-😂]$", "😃", "a")
    assertMatches("^[\\u{1F600}-\\u{1F602}]$", "😁")
    assertMatches("^[\\uD83D\\uDE00-\\uD83D\\uDE02]$", "😁")
    assertNoMatch("[\\uD800-\\uDFFF]", "😀", "a")  // lone surrogates never match scalars
  }

  func testShorthandClasses() {
    assertMatches("^\\d+$", "0123456789")
    assertNoMatch("\\d", "abc", "٣")
    assertMatches("^\\D+$", "abc")
    assertMatches("^\\w+$", "azAZ09_")
    assertNoMatch("\\w", "-", "é", " ")
    assertMatches("^\\W+$", "-é ")
    assertMatches("^\\s+$", " \t\n\r\u{B}\u{C}")
    assertNoMatch("\\s", "a", "\u{200B}")
    assertMatches("^\\S+$", "ab")
  }

  func testWordBoundaries() {
    assertMatches("\\bfoo\\b", "foo", "a foo.", "(foo)")
    assertNoMatch("\\bfoo\\b", "foobar", "afoo", "foo_")
    assertMatches("\\Boo\\B", "foob")
    assertNoMatch("\\Boo\\B", "oo", "foo")
    // \w is ASCII-only, so between 'a' and 'é' there is a boundary and before a lone 'é' none.
    assertMatches("a\\b", "aé")
    assertNoMatch("a\\b", "ab")
    assertMatches("\\bé", "aé")
    assertNoMatch("\\bé", "é", " é")
    assertNoMatch("^\\b$", "")
    assertMatches("^\\B$", "")
  }

  func testEscapes() {
    assertMatches("^\\t\\n\\v\\f\\r$", "\t\n\u{B}\u{C}\r")
    assertMatches("^\\0$", "\0")
    assertMatches("^\\cJ\\cj$", "\n\n")
    assertMatches("^\\x41\\x4a$", "AJ")
    assertMatches("^\\u0041\\u{1F600}\\u{41}$", "A😀A")
    assertMatches("^\\uD83D\\uDE00$", "😀")  // a surrogate pair written as two escapes
    assertMatches("^\\uD83D\\uDE00+$", "😀😀")  // is one atom for the quantifier
    assertNoMatch("\\uD83D", "😀")
    assertMatches("^\\^\\$\\\\\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\/$", "^$\\.*+?()[]{}|/")
    assertMatches("^\\u{0000000041}$", "A")
  }

  func testUnicodeScalarsAreSingleCharacters() {
    assertMatches("^.$", "😀")
    assertMatches("^😀{2}$", "😀😀")
    assertNoMatch("^😀{2}$", "😀")
    assertMatches("^[😀]$", "😀")
    // A scalar is matched as a whole, not as grapheme clusters: e + combining acute is two.
    assertMatches("^..$", "e\u{301}")
    assertNoMatch("^é$", "e\u{301}")
  }

  func testSearchShortcutsKeepTheSemantics() {
    // Literal prefixes, required literals, first-byte filters and minimum lengths only skip
    // positions that cannot match; these are the cases where a shortcut could go wrong.
    assertMatches("(?:abc)?d", "d")
    assertMatches("abc|d", "d")
    assertMatches("x(?=abc)", "xabc")
    assertNoMatch("x(?=abc)", "xab")
    assertMatches("(?<=abc)d", "abcd")
    assertMatches("(a)bc\\1", "abca")
    assertMatches("ab*c", "ac", "abbc")
    assertMatches("a\\bc|a b", "a b")
    assertMatches("(?:ab){2}", "xabab")
    assertNoMatch("(?:ab){2}", "abxab")
    assertMatches("é+t", "ééét")
    assertMatches("[é😀]x", "😀x")
    assertMatches("\\1?(a)", "a")
    assertMatches("(?:)", "")
    assertMatches("$", "", "abc")
    assertMatches("^$|a", "", "a")
    assertMatches("b*$", "aaa")
    assertExec("^abc", "abcabc", ["abc"])
    assertExec("abc$", "abcabc", ["abc"])
    assertExec("c.", "abcabc", ["ca"])
    assertNoMatch("^abc$", "abcabc", "ab", "")
    assertNoMatch("[]", "abc")
    assertNoMatch("a{3}", "aa")
  }

  func testFirstMatchReportsRanges() throws {
    let regex = try ECMARegex("(\\d+)-(x)?")
    let text = "ab 12- c"
    let match = try XCTUnwrap(try regex.firstMatch(in: text))
    XCTAssertEqual(String(text[match.range]), "12-")
    XCTAssertEqual(match.captures.count, 2)
    XCTAssertEqual(match.captures[0].map { String(text[$0]) }, "12")
    XCTAssertNil(match.captures[1])
    XCTAssertNil(try regex.firstMatch(in: "none"))
    let literal = try ECMARegex("é")
    let found = try XCTUnwrap(try literal.firstMatch(in: "café"))
    XCTAssertEqual(found.range.lowerBound, "café".index("café".startIndex, offsetBy: 3))
  }

  func testDeepNestingAndLongInputsDoNotOverflowTheStack() throws {
    let nested = String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)
    assertMatches(nested, "a")
    let longText = String(repeating: "ab", count: 50_000)
    XCTAssertEqual(try ECMARegex("^(?:a|b)*$").evaluate(longText, maxSteps: 10_000_000), .match)
    XCTAssertEqual(try ECMARegex("^(a|b)*$").evaluate(longText, maxSteps: 10_000_000), .match)
    XCTAssertEqual(try ECMARegex("^[ab]*$").evaluate(longText + "c"), .noMatch)
    XCTAssertEqual(try ECMARegex("$(?<=^(?:ab)*)").evaluate(longText, maxSteps: 10_000_000), .match)
  }

  func testIsSafeToShareAcrossThreads() throws {
    let regex = try ECMARegex("^(\\w+)@(\\w+)\\.com$")
    DispatchQueue.concurrentPerform(iterations: 8) { index in
      for _ in 0..<500 {
        XCTAssertTrue(regex.matches("user\(index)@example.com"))
        XCTAssertFalse(regex.matches("user\(index)@example.org"))
      }
    }
  }
}
