import RenkeiRegex
import XCTest

/// Catastrophic backtracking ends with `.budgetExceeded` instead of hanging.
final class ECMARegexBudgetTests: XCTestCase {
  func testCatastrophicBacktrackingRunsOutOfBudget() throws {
    let input = String(repeating: "a", count: 40) + "!"
    for pattern in ["^(a+)+$", "(a+)+$", "^(aa|a)*$", "^(a|aa)+$", "^(.*a){20}$", "(x+x+)+y", "^(\\w+\\s?)*$"] {
      let regex = try ECMARegex(pattern)
      let subject = pattern == "(x+x+)+y" ? String(repeating: "x", count: 40) : input
      XCTAssertEqual(regex.evaluate(subject, maxSteps: 100_000), .budgetExceeded, pattern)
      XCTAssertThrowsError(try regex.firstMatch(in: subject, maxSteps: 100_000), pattern) { error in
        XCTAssertEqual((error as? ECMARegexBudgetExceeded)?.maxSteps, 100_000)
      }
    }
  }

  func testTheDefaultBudgetEndsQuickly() throws {
    let regex = try ECMARegex("^(a+)+$")
    let subject = String(repeating: "a", count: 40) + "!"
    let elapsed = ContinuousClock().measure { XCTAssertEqual(regex.evaluate(subject), .budgetExceeded) }
    // Well under a second in release builds; the bound is generous for unoptimized test builds.
    XCTAssertLessThan(elapsed, .seconds(5))
    XCTAssertFalse(regex.matches(subject))  // the convenience reads an exhausted budget as false
  }

  func testOverlappingOneCharacterAlternativesDoNotBacktrack() throws {
    // Merged into one class, so failing takes linear time instead of 2^n or 3^n.
    let input = String(repeating: "a", count: 40) + "!"
    for pattern in ["^(a|a)*$", "^(?:a|\\w|[a-z])+$", "^(?:\\p{L}|\\w)*$"] {
      XCTAssertEqual(try ECMARegex(pattern).evaluate(input, maxSteps: 10_000), .noMatch, pattern)
    }
  }

  func testTheSamePatternsFinishOnFriendlyInput() throws {
    XCTAssertEqual(try ECMARegex("^(a+)+$").evaluate(String(repeating: "a", count: 40)), .match)
    XCTAssertEqual(try ECMARegex("(x+x+)+y").evaluate("xxxy"), .match)
  }

  func testTheBudgetIsConfigurable() throws {
    let regex = try ECMARegex("^(a|b)*c$")
    let text = String(repeating: "ab", count: 100) + "c"
    XCTAssertEqual(regex.evaluate(text, maxSteps: 50), .budgetExceeded)
    XCTAssertEqual(regex.evaluate(text, maxSteps: 100_000), .match)
    XCTAssertEqual(regex.evaluate("abab", maxSteps: 100_000), .noMatch)
  }

  func testImpossibleLengthsAreRejectedWithoutSearching() throws {
    // At least 40 code points are needed; a naive search would backtrack exponentially.
    let regex = try ECMARegex("(?:(?:(.)){2,}){20,}")
    XCTAssertEqual(regex.evaluate(String(repeating: "a", count: 39), maxSteps: 1000), .noMatch)
  }
}
