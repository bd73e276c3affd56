import RenkeiRegex
import XCTest

/// Helpers shared by the regex tests: each reports the pattern and input on failure.
extension XCTestCase {
  func regex(_ pattern: String, file: StaticString = #filePath, line: UInt = #line) -> ECMARegex? {
    do {
      return try ECMARegex(pattern)
    } catch {
      XCTFail("\(pattern.debugDescription) rejected: \(error)", file: file, line: line)
      return nil
    }
  }

  /// Asserts that `pattern` matches somewhere in each of `texts`.
  func assertMatches(_ pattern: String, _ texts: String..., file: StaticString = #filePath, line: UInt = #line) {
    guard let regex = regex(pattern, file: file, line: line) else { return }
    for text in texts {
      XCTAssertEqual(
        regex.evaluate(text), .match, "\(pattern.debugDescription) on \(text.debugDescription)", file: file, line: line)
    }
  }

  /// Asserts that `pattern` matches nowhere in each of `texts`.
  func assertNoMatch(_ pattern: String, _ texts: String..., file: StaticString = #filePath, line: UInt = #line) {
    guard let regex = regex(pattern, file: file, line: line) else { return }
    for text in texts {
      XCTAssertEqual(
        regex.evaluate(text), .noMatch, "\(pattern.debugDescription) on \(text.debugDescription)", file: file,
        line: line)
    }
  }

  /// Asserts the leftmost match and its captures (`nil` for groups that did not participate), as
  /// JavaScript's `RegExp.prototype.exec` with the `u` flag reports them.
  func assertExec(
    _ pattern: String, _ text: String, _ expected: [String?]?, file: StaticString = #filePath, line: UInt = #line
  ) {
    guard let regex = regex(pattern, file: file, line: line) else { return }
    do {
      let match = try regex.firstMatch(in: text)
      let actual = match.map { match in [String(text[match.range])] + match.captures.map { $0.map { String(text[$0]) } }
      }
      XCTAssertEqual(
        actual, expected, "\(pattern.debugDescription) on \(text.debugDescription)", file: file, line: line)
    } catch {
      XCTFail("\(pattern.debugDescription) on \(text.debugDescription): \(error)", file: file, line: line)
    }
  }

  /// Asserts that `pattern` is refused, optionally at a given offset and with a given kind.
  func assertSyntaxError(
    _ pattern: String, offset: Int? = nil, kind: ECMARegexSyntaxError.Kind = .invalid,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    do {
      _ = try ECMARegex(pattern)
      XCTFail("\(pattern.debugDescription) accepted", file: file, line: line)
    } catch {
      XCTAssertEqual(error.kind, kind, "\(pattern.debugDescription): \(error)", file: file, line: line)
      if let offset {
        XCTAssertEqual(error.offset, offset, "\(pattern.debugDescription): \(error)", file: file, line: line)
      }
      XCTAssertFalse(error.message.isEmpty, file: file, line: line)
    }
  }
}
