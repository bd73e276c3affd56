import RenkeiStringFormats
import XCTest

extension XCTestCase {
  /// Asserts that every value is valid for `format`.
  func assertValid(
    _ format: StringFormat, _ values: [String], file: StaticString = #filePath, line: UInt = #line
  ) {
    for value in values where !format.isValid(value) {
      XCTFail("\(format.rawValue): expected valid: \(value.debugDescription)", file: file, line: line)
    }
  }

  /// Asserts that every value is invalid for `format`.
  func assertInvalid(
    _ format: StringFormat, _ values: [String], file: StaticString = #filePath, line: UInt = #line
  ) {
    for value in values where format.isValid(value) {
      XCTFail("\(format.rawValue): expected invalid: \(value.debugDescription)", file: file, line: line)
    }
  }
}
