import XCTest

@testable import RenkeiCore

final class JSONParserTests: XCTestCase {
  func parse(_ text: String) throws -> JSONParseResult { try JSONParser().parse(text) }

  /// The rule id and line:column of the syntax error `text` must produce.
  func assertRejects(
    _ text: String, _ rule: Rule, line: Int = 1, column: Int, file: StaticString = #filePath,
    sourceLine: UInt = #line
  ) {
    do {
      _ = try JSONParser().parse(text)
      XCTFail("accepted \(text.debugDescription)", file: file, line: sourceLine)
    } catch {
      XCTAssertEqual(error.rule.id, rule.id, "\(text.debugDescription): \(error)", file: file, line: sourceLine)
      XCTAssertEqual(
        error.position, SourcePosition(line: line, column: column), "\(error)", file: file, line: sourceLine)
    }
  }

  func testAcceptsEveryKindOfValue() throws {
    let root = try parse(#" {"a": [1, -2.5e+3, "x", true, false, null, {}, []]} "#).document.root
    XCTAssertEqual(root.kind, .object)
    let a = try XCTUnwrap(root["a"])
    XCTAssertEqual(a.elements.map(\.kind), [.number, .number, .string, .bool, .bool, .null, .object, .array])
    XCTAssertEqual(a[1]?.number?.lexeme, "-2.5e+3")
    XCTAssertEqual(a[2]?.string, "x")
    XCTAssertEqual(a[3]?.bool, true)
    XCTAssertEqual(a[6]?.count, 0)
    for scalar in ["0", "-0", "\"\"", "true", "null", "1E9", "0.5"] {
      XCTAssertNoThrow(try parse(scalar), scalar)
    }
  }

  func testKeepsKeyOrderAndNumberLexemes() throws {
    let root = try parse(#"{"z": 1, "a": 1.0, "m": 1e0, "big": 12345678901234567890123, "neg": -0}"#)
      .document.root
    XCTAssertEqual(root.members.map(\.key), ["z", "a", "m", "big", "neg"])
    XCTAssertEqual(root.members.map { $0.value.number!.lexeme }, ["1", "1.0", "1e0", "12345678901234567890123", "-0"])
    XCTAssertNotEqual(root["z"], root["a"])
    XCTAssertEqual(root["z"]?.number?.int64, 1)
    XCTAssertNil(root["big"]?.number?.int64, "beyond Int64 is not silently rounded")
    let flags = root.document.tape.filter { $0.tag == .number }.map(\.flags)
    XCTAssertEqual(flags, [[], [.fraction], [.exponent], [], []])
  }

  func testDecodesEscapesAndUTF8() throws {
    let root = try parse(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u6771\ud83d\ude00", "東京都"]"#).document.root
    XCTAssertEqual(root[0]?.string, "a\"b\\c/d\u{8}\u{C}\n\r\t")
    XCTAssertEqual(root[1]?.string, "é東😀")
    XCTAssertEqual(root[2]?.string, "東京都")
  }

  func testRejectsWhatRFC8259Rejects() {
    assertRejects("", JSONRules.empty, column: 1)
    assertRejects("   \n ", JSONRules.empty, column: 1)
    assertRejects("[1, 2,]", JSONRules.trailingComma, column: 6)
    assertRejects("{\"a\": 1,\n }", JSONRules.trailingComma, column: 8)
    assertRejects("[01]", JSONRules.leadingZero, column: 2)
    assertRejects("[-012]", JSONRules.leadingZero, column: 2)
    assertRejects("[NaN]", JSONRules.nonFiniteNumber, column: 2)
    assertRejects("[Infinity]", JSONRules.nonFiniteNumber, column: 2)
    assertRejects("[-Infinity]", JSONRules.nonFiniteNumber, column: 2)
    assertRejects("[1.]", JSONRules.invalidNumber, column: 4)
    assertRejects("[.5]", JSONRules.invalidNumber, column: 2)
    assertRejects("[+1]", JSONRules.invalidNumber, column: 2)
    assertRejects("[1e]", JSONRules.invalidNumber, column: 4)
    assertRejects("[-]", JSONRules.invalidNumber, column: 3)
    assertRejects("['a']", JSONRules.singleQuote, column: 2)
    assertRejects("{'a': 1}", JSONRules.singleQuote, column: 2)
    assertRejects("{a: 1}", JSONRules.unquotedKey, column: 2)
    assertRejects("{\"a\" 1}", JSONRules.missingColon, column: 6)
    assertRejects("// c\n{}", JSONRules.comment, column: 1)
    assertRejects("{} // c", JSONRules.comment, column: 4)
    assertRejects("[1 /* c */]", JSONRules.comment, column: 4)
    assertRejects("[\"a\tb\"]", JSONRules.controlCharacter, column: 4)
    assertRejects("[\"a\nb\"]", JSONRules.controlCharacter, column: 4)
    assertRejects("[\"abc]", JSONRules.unterminatedString, column: 2)
    assertRejects("[\"abc\n]", JSONRules.unterminatedString, column: 2)
    assertRejects(#"["\x"]"#, JSONRules.invalidEscape, column: 3)
    assertRejects(#"["\u12G4"]"#, JSONRules.invalidEscape, column: 3)
    assertRejects("[1 2]", JSONRules.missingComma, column: 4)
    assertRejects("{\"a\": 1\n \"b\": 2}", JSONRules.missingComma, line: 2, column: 2)
    assertRejects("[1 :]", JSONRules.unexpectedCharacter, column: 4)
    assertRejects("[True]", JSONRules.unexpectedCharacter, column: 2)
    assertRejects("[tru]", JSONRules.unexpectedCharacter, column: 2)
    assertRejects("{\"a\":1}}", JSONRules.trailingContent, column: 8)
    assertRejects("1 2", JSONRules.trailingContent, column: 3)
    assertRejects("[1,\n2", JSONRules.unexpectedEnd, line: 2, column: 2)
    assertRejects("{\"a\":", JSONRules.unexpectedEnd, column: 6)
  }

  func testRejectsInvalidUTF8WithPosition() {
    let cases: [[UInt8]] = [
      [0x22, 0xFF, 0x22],  // never valid
      [0x22, 0xC0, 0xAF, 0x22],  // overlong "/"
      [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong
      [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate
      [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // beyond U+10FFFF
      [0x22, 0xE6, 0x9D, 0x22],  // truncated
      [0x22, 0x93, 0x8C, 0x22],  // Shift_JIS bytes of 東
    ]
    for bytes in cases {
      XCTAssertThrowsError(try JSONParser().parse(bytes)) { error in
        let e = error as! JSONSyntaxError
        XCTAssertEqual(e.rule.id, JSONRules.invalidUTF8.id, "\(bytes)")
        XCTAssertEqual(e.position, SourcePosition(line: 1, column: 2))
      }
    }
    XCTAssertThrowsError(try JSONParser().parse([0xFF, 0xFE, 0x5B, 0x00, 0x5D, 0x00])) {
      XCTAssertEqual(($0 as! JSONSyntaxError).rule.id, JSONRules.notUTF8.id)
    }
    XCTAssertThrowsError(try JSONParser().parse([0x93, 0x8C])) {
      XCTAssertEqual(($0 as! JSONSyntaxError).rule.id, JSONRules.invalidUTF8.id)
    }
  }

  func testColumnsCountCharactersNotBytes() {
    assertRejects("{\"東京\": 1,}", JSONRules.trailingComma, column: 9)
  }

  func testDeepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "[", count: 100_000)
    assertRejects(deep, JSONRules.tooDeep, column: 513)
    let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    XCTAssertNoThrow(try parse(ok))
    let custom = JSONParser(options: .init(maxDepth: 2))
    XCTAssertThrowsError(try custom.parse("[[[]]]"))
    XCTAssertNoThrow(try custom.parse("[[]]"))
  }

  func testDuplicateKeysAreReportedNotMerged() throws {
    let result = try parse("{\"a\": 1,\n \"b\": 2, \"a\": 3}")
    XCTAssertEqual(result.document.root.members.map(\.key), ["a", "b", "a"])
    XCTAssertEqual(result.document.root["a"]?.number?.lexeme, "1")
    let findings = result.findings(file: "x.json")
    XCTAssertEqual(findings.map(\.ruleID), ["json-duplicate-key"])
    XCTAssertEqual(findings[0].location.line, 2)
    XCTAssertEqual(findings[0].location.column, 10)
    XCTAssertEqual(findings[0].location.pointer, "/a")
    XCTAssertEqual(findings[0].arguments["firstLine"], "1")
    XCTAssertEqual(findings[0].severity, .warning)
  }

  func testDuplicateKeysThroughEscapesAndInLargeObjects() throws {
    XCTAssertEqual(try parse(#"{"a": 1, "\u0061": 2}"#).issues.count, 1)
    let many = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ",")
    XCTAssertEqual(try parse("{\(many)}").issues.count, 0)
    XCTAssertEqual(try parse("{\(many), \"k7\": 0}").issues.count, 1)
    XCTAssertEqual(try parse(#"{"a": {"a": 1}, "b": [{"a": 1, "b": 2}]}"#).issues.count, 0)
  }

  func testDuplicateKeysCanBeLeftUnreported() throws {
    let text = #"{"a": 1, "b": {"c": 2, "c": 3}, "\u0061": [1, {"x": 0, "x": 1}]}"#
    let quiet = try JSONParser(options: .init(reportsDuplicateKeys: false)).parse(text)
    let reported = try parse(text)
    XCTAssertEqual(reported.issues.count, 3)
    XCTAssertEqual(quiet.issues, [])
    // Only the issues differ: the document is the same.
    XCTAssertEqual(quiet.document.tape, reported.document.tape)
    XCTAssertEqual(quiet.document.root, reported.document.root)
  }

  func testMemberByBytesFindsWhatTheSubscriptFinds() throws {
    let root = try parse(
      #"{"type": "T", "t\u0079pe": "U", "value": null, "": 1, "valu": 2, "values": 3, "\u00e9": 4, "K": 5}"#
    ).document.root
    XCTAssertEqual(root.member("type")?.string, "T")
    XCTAssertEqual(root.member("type"), root["type"])
    XCTAssertEqual(root.member("value")?.isNull, true)
    XCTAssertEqual(root.member("")?.number?.lexeme, "1")
    XCTAssertEqual(root.member("é")?.number?.lexeme, "4")
    XCTAssertNil(root.member("val"))
    XCTAssertNil(root.member("object"))
    XCTAssertNil(try parse(#"["type"]"#).document.root.member("type"))
    // An escaped name is compared decoded, as the subscript does.
    let escaped = try parse(#"{"t\u0079pe": "U", "type": "T"}"#).document.root
    XCTAssertEqual(escaped.member("type")?.string, "U")
    XCTAssertEqual(escaped.member("type"), escaped["type"])
  }

  func testLoneSurrogatesAreReported() throws {
    let result = try parse(#"["ok \ud83d\ude00", "bad \ud800 x", "\udc00"]"#)
    XCTAssertEqual(result.issues, [.loneSurrogate(offset: 25), .loneSurrogate(offset: 37)])
    let findings = result.findings(file: nil)
    XCTAssertEqual(findings.map(\.ruleID), ["json-lone-surrogate", "json-lone-surrogate"])
    XCTAssertEqual(findings[0].arguments["found"], #"\ud800"#)
    XCTAssertEqual(findings[0].location.column, 26)
    XCTAssertEqual(result.document.root[1]?.string, "bad \u{FFFD} x")
    XCTAssertTrue(try parse(#"["\ud83d\ude00"]"#).issues.isEmpty)
  }

  func testByteOrderMarkIsSkippedAndReported() throws {
    let result = try JSONParser().parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8))
    XCTAssertEqual(result.issues, [.byteOrderMark])
    XCTAssertEqual(result.findings(file: nil).first?.ruleID, "json-byte-order-mark")
    XCTAssertTrue(try parse("{}").issues.isEmpty)
  }

  func testPositionsAndPointers() throws {
    let text = "{\n  \"a/b\": [10, {\"~k\": \"東京\"}],\n  \"c\": null\n}"
    let root = try parse(text).document.root
    let inner = try XCTUnwrap(root["a/b"]?[1]?["~k"])
    XCTAssertEqual(inner.pointer.description, "/a~1b/1/~0k")
    XCTAssertEqual(inner.position, SourcePosition(line: 2, column: 22))
    XCTAssertEqual(root["c"]?.position, SourcePosition(line: 3, column: 8))
    XCTAssertEqual(root.pointer.description, "")
    XCTAssertEqual(JSONPointer("/a~1b/1/~0k")?.resolve(in: root)?.string, "東京")
    XCTAssertNil(JSONPointer("/a~1b/01")?.resolve(in: root))
    XCTAssertNil(JSONPointer("a"))
    XCTAssertNil(JSONPointer("/a~2"))
  }

  func testFirstLineOffsetsPositions() throws {
    let result = try JSONParser(options: .init(firstLine: 41)).parse("{\"a\": 1, \"a\": 2}")
    XCTAssertEqual(result.findings(file: nil).first?.location.line, 41)
    XCTAssertThrowsError(try JSONParser(options: .init(firstLine: 41)).parse("{,}")) {
      XCTAssertEqual(($0 as! JSONSyntaxError).position.line, 41)
    }
  }
}
