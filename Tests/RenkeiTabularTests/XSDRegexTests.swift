import XCTest

@testable import RenkeiTabular

/// XML Schema regular expressions (XML Schema Part 2, appendix F) as Table Schema `pattern` uses them.
final class XSDRegexTests: XCTestCase {
  func matches(_ pattern: String, _ value: String) throws -> Bool { try XSDRegex(pattern).matches(value) }

  func testWholeValueMatching() throws {
    XCTAssertTrue(try matches("[0-9]{6}", "222127"))
    XCTAssertFalse(try matches("[0-9]{6}", "x222127"), "implicitly anchored at the start")
    XCTAssertFalse(try matches("[0-9]{6}", "2221270"), "and at the end")
    XCTAssertTrue(try matches("^a.*$", "apple"), "a leading ^ and trailing $ are anchors, as implementations read them")
    XCTAssertTrue(try matches("a\\$", "a$"))
    XCTAssertTrue(try matches("", ""))
    XCTAssertFalse(try matches("", "x"))
  }

  func testQuantifiersAndAlternation() throws {
    XCTAssertTrue(try matches("0[0-9]{1,4}-[0-9]{1,4}-[0-9]{4}", "054-626-1111"))
    XCTAssertFalse(try matches("0[0-9]{1,4}-[0-9]{1,4}-[0-9]{4}", "054-626-111"))
    XCTAssertTrue(try matches("([01][0-9]|2[0-3]):[0-5][0-9]", "23:59"))
    XCTAssertFalse(try matches("([01][0-9]|2[0-3]):[0-5][0-9]", "24:00"))
    XCTAssertTrue(try matches("a{2,}b?", "aaaa"))
    XCTAssertFalse(try matches("a{2,}b?", "a"))
    XCTAssertTrue(try matches("(ab)*c+", "ababcc"))
    XCTAssertTrue(try matches("x(?:ab)+?y", "xababy"), "non-capturing groups and lazy quantifiers are accepted")
  }

  func testCharacterClasses() throws {
    XCTAssertTrue(try matches("[ァ-ヶー・　 ]+", "ヤイヅ シリツ・ヨウチエン"))
    XCTAssertFalse(try matches("[ァ-ヶー・　 ]+", "やいづ"))
    XCTAssertTrue(try matches("[a-z-[aeiou]]+", "rhythm"), "class subtraction")
    XCTAssertFalse(try matches("[a-z-[aeiou]]+", "rhyme"))
    XCTAssertTrue(try matches("[^0-9]+", "abc"))
    XCTAssertTrue(try matches("[-a]+", "-a-"))
    XCTAssertTrue(try matches("[a-]+", "a-"))
    XCTAssertTrue(try matches(".+", "改行以外"))
    XCTAssertFalse(try matches(".", "\n"))
  }

  func testEscapes() throws {
    XCTAssertTrue(try matches("\\d+", "０１２"), "\\d is any decimal digit (Nd), as in XML Schema")
    XCTAssertTrue(try matches("[0-9]+", "012"))
    XCTAssertFalse(try matches("[0-9]+", "０１２"))
    XCTAssertTrue(try matches("\\w+", "名前abc1"))
    XCTAssertFalse(try matches("\\w", "_"), "XML Schema's \\w leaves out punctuation, '_' (Pc) too, unlike Python's")
    XCTAssertFalse(try matches("\\w", "、"))
    XCTAssertTrue(try matches("\\s\\S", " x"))
    XCTAssertTrue(try matches("\\i\\c*", "_name-1"))
    XCTAssertFalse(try matches("\\i", "1"))
    XCTAssertTrue(try matches("\\p{Lu}\\p{Ll}+", "Tokyo"))
    XCTAssertTrue(try matches("\\p{IsHiragana}+\\P{IsHiragana}", "ひらがなカ"))
    XCTAssertTrue(try matches("\\p{IsCJKUnifiedIdeographs}+", "焼津市"))
    XCTAssertTrue(try matches("\\p{N}+", "①12"))
    XCTAssertTrue(try matches("a\\.b\\-c\\|d", "a.b-c|d"))
    XCTAssertTrue(try matches("\\t\\n\\r", "\t\n\r"))
  }

  func testRejectedSyntax() {
    for pattern in [
      "(?=a)", "(a)\\1", "\\bword", "a**", "[a", "(a", "a)", "x{3,1}", "*a", "\\p{Unknown}", "a{2000}", "\\q",
    ] {
      XCTAssertThrowsError(try XSDRegex(pattern), pattern)
    }
  }

  func testDeterministicAndSimulatedAutomataAgree() throws {
    var generator = SystemRandomNumberGenerator()
    let patterns = ["(a|ab)(c|bcd)(d*)", "[ab]*a[ab]{3}", "(x+x+)+y", "([0-9]{1,3}\\.){3}[0-9]{1,3}", "あ(い|う)*え?"]
    let alphabet = Array("abcdxy0123.あいうえ")
    for pattern in patterns {
      let regex = try XSDRegex(pattern)
      for _ in 0..<300 {
        let value = String(
          (0..<Int.random(in: 0..<9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        var bytes = Array(value.utf8)
        let simulated = bytes.withUnsafeMutableBufferPointer { regex.simulate(utf8: UnsafeBufferPointer($0)) }
        XCTAssertEqual(regex.matches(value), simulated, "\(pattern) on \(value)")
      }
    }
    // Exponential blow-up patterns stay fast: no backtracking.
    let nasty = try XSDRegex("(a|a)*(a|a)*(a|a)*b")
    XCTAssertFalse(nasty.matches(String(repeating: "a", count: 5000)))
  }
}
