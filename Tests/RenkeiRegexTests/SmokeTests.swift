import RenkeiRegex
import XCTest

final class SmokeTests: XCTestCase {
  func testSmoke() {
    assertMatches("abc", "xxabcxx")
    assertMatches("^a*$", "aaa", "")
    assertNoMatch("^a*$", "abc")
    assertExec("(z)((a+)?(b+)?(c))*", "zaacbbbcac", ["zaacbbbcac", "z", "ac", "a", nil, "c"])
    assertExec("(a*)*", "b", ["", nil])
    assertExec("(a*)b\\1+", "baaaac", ["b", ""])
    assertExec("(?=(a+))", "baaabac", ["", "aaa"])
    assertExec("(?=(a+))a*b\\1", "baaabac", ["aba", "a"])
    assertExec("(.*?)a(?!(a+)b\\2c)\\2(.*)", "baaabaac", ["baaabaac", "ba", nil, "abaac"])
    assertExec("(?<=\\$)\\d+(\\.\\d*)?", "cost $10.53", ["10.53", ".53"])
    assertExec("(?<=(\\d+)(\\d+))$", "1053", ["", "1", "053"])
    assertExec("(?<=\\1(a))b", "aab", ["b", "a"])
  }
}
