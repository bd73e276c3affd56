import XCTest

@testable import RenkeiSchema

final class ExactNumberTests: XCTestCase {
  func n(_ text: String) -> ExactNumber { ExactNumber(lexeme: text) }

  func testNormalisesEqualValues() {
    XCTAssertEqual(n("1"), n("1.0"))
    XCTAssertEqual(n("1"), n("1e0"))
    XCTAssertEqual(n("100"), n("1e2"))
    XCTAssertEqual(n("0.05"), n("5e-2"))
    XCTAssertEqual(n("-0"), n("0"))
    XCTAssertEqual(n("0.0"), n("0e10"))
    XCTAssertNotEqual(n("1"), n("-1"))
  }

  func testOrdersExactlyBeyondDoublePrecision() {
    XCTAssertLessThan(n("18446744073709551615"), n("18446744073709551616"))
    XCTAssertLessThan(n("9007199254740992"), n("9007199254740993"))
    XCTAssertLessThan(n("-2"), n("-1"))
    XCTAssertLessThan(n("-1"), n("0"))
    XCTAssertLessThan(n("0.1"), n("0.10000000000000000001"))
    XCTAssertLessThan(n("1e-1000"), n("1"))
    XCTAssertFalse(n("1.0") < n("1"))
  }

  func testIntegers() {
    XCTAssertTrue(n("1.0").isInteger)
    XCTAssertTrue(n("1.5e1").isInteger)
    XCTAssertTrue(n("12345678910111213141516171819202122232425262728293031").isInteger)
    XCTAssertFalse(n("1.5").isInteger)
    XCTAssertFalse(n("1e-1").isInteger)
    XCTAssertTrue(n("0").isInteger)
  }

  func testMultipleOfIsExactForDecimals() {
    XCTAssertTrue(n("0.3").isMultiple(of: n("0.1")))
    XCTAssertTrue(n("0.0075").isMultiple(of: n("0.0001")))
    XCTAssertFalse(n("0.00751").isMultiple(of: n("0.0001")))
    XCTAssertTrue(n("1e308").isMultiple(of: n("0.5")))
    XCTAssertTrue(n("12").isMultiple(of: n("4")))
    XCTAssertFalse(n("13").isMultiple(of: n("4")))
    XCTAssertTrue(n("0").isMultiple(of: n("7")))
    XCTAssertTrue(n("-35").isMultiple(of: n("3.5")))
    XCTAssertTrue(n("123456789012345678901234567890").isMultiple(of: n("10")))
    XCTAssertFalse(n("123456789012345678901234567891").isMultiple(of: n("10")))
    XCTAssertTrue(n("18446744073709551610").isMultiple(of: n("9223372036854775805")))
  }
}
