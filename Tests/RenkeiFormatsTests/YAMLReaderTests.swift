import Foundation
import RenkeiCore
import RenkeiFormats
import XCTest

final class YAMLReaderTests: XCTestCase {
  func read(_ text: String, reader: YAMLReader = YAMLReader()) -> YAMLReadResult {
    reader.read(text, file: "test.yaml")
  }

  /// Compact JSON of every document.
  func json(_ result: YAMLReadResult) -> [String] {
    result.documents.map { JSONWriter().string($0.root) }
  }

  /// The JSON of a one-document stream, failing on any finding.
  func jsonOfClean(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
    let result = read(text)
    XCTAssertEqual(result.findings, [], text.debugDescription, file: file, line: line)
    XCTAssertEqual(result.documents.count, 1, text.debugDescription, file: file, line: line)
    return json(result).first
  }

  func ids(_ result: YAMLReadResult) -> [String] { result.findings.map(\.ruleID) }

  func fixture(_ name: String) throws -> [UInt8] {
    let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/yaml/\(name)", withExtension: nil))
    return Array(try Data(contentsOf: url))
  }

  // MARK: - Core schema

  func testPlainScalarResolutionFollowsTheCoreSchema() {
    let table: [(yaml: String, json: String)] = [
      ("~", "null"), ("null", "null"), ("Null", "null"), ("NULL", "null"),
      ("true", "true"), ("True", "true"), ("TRUE", "true"),
      ("false", "false"), ("False", "false"), ("FALSE", "false"),
      ("0", "0"), ("-0", "-0"), ("+12", "12"), ("007", "7"), ("-007", "-7"), ("+0", "0"), ("000", "0"),
      ("12345678901234567890123", "12345678901234567890123"),
      ("0o17", "15"), ("0o0", "0"), ("0x1F", "31"), ("0xff", "255"), ("0x0", "0"),
      ("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "340282366920938463463374607431768211455"),
      ("0o7777777777777777777777777", "37778931862957161709567"),
      ("1.5", "1.5"), ("1.", "1.0"), (".5", "0.5"), ("-.5", "-0.5"), ("+1e3", "1e3"), ("1e3", "1e3"),
      ("1E-3", "1E-3"), ("00.5", "0.5"), ("+.5e+3", "0.5e+3"), ("1.e5", "1.0e5"), ("-0.0", "-0.0"),
      ("3.14159265358979323846264338327950288", "3.14159265358979323846264338327950288"),
      // Everything else, YAML 1.1 booleans and dates included, stays a string.
      ("nULL", #""nULL""#), ("tRUE", #""tRUE""#), ("yes", #""yes""#), ("no", #""no""#),
      ("on", #""on""#), ("off", #""off""#), ("y", #""y""#), ("0o", #""0o""#), ("0x", #""0x""#),
      ("0o8", #""0o8""#), ("-0x1F", #""-0x1F""#), ("0b101", #""0b101""#), (".", #"".""#),
      ("1e", #""1e""#), ("1_000", #""1_000""#), ("2001-12-14", #""2001-12-14""#), ("1:20", #""1:20""#),
      ("+", #""+""#), ("-.", #""-.""#), (".e3", #"".e3""#), ("hello world", #""hello world""#),
    ]
    for (yaml, expected) in table {
      XCTAssertEqual(jsonOfClean("v: \(yaml)"), #"{"v":\#(expected)}"#, yaml)
    }
    XCTAssertEqual(jsonOfClean("v:"), #"{"v":null}"#)
  }

  func testQuotedAndBlockScalarsAreStrings() {
    XCTAssertEqual(
      jsonOfClean("- '123'\n- \"true\"\n- \"\"\n- |\n  null\n- >\n  12\n"), #"["123","true","","null\n","12\n"]"#)
    XCTAssertEqual(jsonOfClean(#"v: "tab\there \u00e9 \x41""#), #"{"v":"tab\there é A"}"#)
  }

  func testExplicitCoreTagsAreHonoured() {
    XCTAssertEqual(
      jsonOfClean(
        "- !!str 123\n- !!int \"0x10\"\n- !!float 1\n- !!float '2.5'\n- !!bool \"true\"\n- !!null ''\n- ! 12\n- !!seq [1]\n- !!map {a: 1}\n"
      ),
      #"["123",16,1.0,2.5,true,null,"12",[1],{"a":1}]"#)
  }

  func testTagMismatchFiresAndReadsNull() throws {
    let result = read("a: !!int abc\nb: !!bool yes\nc: !!str {x: 1}\n")
    XCTAssertEqual(ids(result), ["yaml-tag-mismatch", "yaml-tag-mismatch", "yaml-tag-mismatch"])
    XCTAssertEqual(json(result), [#"{"a":null,"b":null,"c":{"x":1}}"#])
    let first = result.findings[0]
    XCTAssertEqual(first.severity, .error)
    XCTAssertEqual(first.message, #""abc" is not a valid !!int value."#)
    XCTAssertEqual(first.location, SourceLocation(file: "test.yaml", line: 1, column: 4, pointer: "/a", document: 1))
  }

  func testUnknownTagWarnsAndIsIgnored() {
    let result = read("a: !custom 12\nb: !!binary aGk=\n!thing c: 1\nd: !!set {x: null}\n")
    XCTAssertEqual(ids(result), ["yaml-unknown-tag", "yaml-unknown-tag", "yaml-unknown-tag", "yaml-unknown-tag"])
    XCTAssertTrue(result.findings.allSatisfy { $0.severity == .warning })
    XCTAssertEqual(result.findings[0].arguments["tag"], "!custom")
    XCTAssertEqual(result.findings[1].arguments["tag"], "tag:yaml.org,2002:binary")
    XCTAssertEqual(json(result), [#"{"a":12,"b":"aGk=","c":1,"d":{"x":null}}"#])
  }

  func testNonJSONNumbersAreErrorsAndNull() {
    for value in [".inf", "-.inf", "+.INF", ".Inf", ".nan", ".NaN", ".NAN", "!!float .nan"] {
      let result = read("v: \(value)")
      XCTAssertEqual(ids(result), ["yaml-non-json-value"], value)
      XCTAssertEqual(result.findings.first?.severity, .error)
      XCTAssertEqual(json(result), [#"{"v":null}"#], value)
    }
    // "-.nan" is not a core-schema NaN, just text; quoted ".inf" is a string.
    XCTAssertEqual(jsonOfClean("- -.nan\n- '.inf'"), #"["-.nan",".inf"]"#)
    let long = read("v: 0x" + String(repeating: "F", count: YAMLCoreSchema.maxRadixDigits + 1))
    XCTAssertEqual(ids(long), ["yaml-non-json-value"])
  }

  // MARK: - Mappings

  func testKeysAreTheirScalarText() {
    XCTAssertEqual(
      jsonOfClean("1: a\ntrue: b\nnull: c\n~: d\n\"q\": e\n0x10: f\n!!int 7: g\n?\n: h\n"),
      #"{"1":"a","true":"b","null":"c","~":"d","q":"e","0x10":"f","7":"g","":"h"}"#)
  }

  func testComplexKeysAreLeftOut() {
    let result = read("? [a, b]\n: 1\n? {x: y}\n: [2, 3]\nok: 4\n")
    XCTAssertEqual(ids(result), ["yaml-complex-key", "yaml-complex-key"])
    XCTAssertEqual(result.findings[0].location.line, 1)
    XCTAssertEqual(result.findings[0].location.column, 3)
    XCTAssertEqual(result.findings[0].arguments["kind"], "sequence")
    XCTAssertEqual(result.findings[1].arguments["kind"], "mapping")
    XCTAssertEqual(json(result), [#"{"ok":4}"#])

    let flow = read("{[a]: 1, b: 2}")
    XCTAssertEqual(ids(flow), ["yaml-complex-key"])
    XCTAssertEqual(json(flow), [#"{"b":2}"#])

    let aliased = read("list: &l [1]\nmap:\n  *l : x\n  y: z\n")
    XCTAssertEqual(ids(aliased), ["yaml-complex-key"])
    XCTAssertEqual(aliased.findings[0].location.pointer, "/map")
    XCTAssertEqual(json(aliased), [#"{"list":[1],"map":{"y":"z"}}"#])

    XCTAssertEqual(jsonOfClean("a: [1, 2]\nb: {c: d}"), #"{"a":[1,2],"b":{"c":"d"}}"#)
  }

  func testAnchorsInsideADroppedKeyAreDroppedToo() {
    let result = read("? [&k a]\n: 1\nb: *k\n")
    XCTAssertEqual(ids(result), ["yaml-complex-key"])
    XCTAssertEqual(json(result), [#"{"b":null}"#])
  }

  func testDuplicateKeysWarnAndAreKept() throws {
    let result = read("a: 1\nb: 2\na: 3\n")
    XCTAssertEqual(ids(result), ["yaml-duplicate-key"])
    let finding = result.findings[0]
    XCTAssertEqual(finding.severity, .warning)
    XCTAssertEqual(finding.location, SourceLocation(file: "test.yaml", line: 3, column: 1, pointer: "/a", document: 1))
    XCTAssertEqual(finding.arguments, ["key": "a", "firstLine": "1", "firstColumn": "1"])
    let root = try XCTUnwrap(result.documents.first).root
    XCTAssertEqual(root.members.map(\.key), ["a", "b", "a"])
    XCTAssertEqual(root["a"]?.number?.lexeme, "1")

    // Keys are compared as text, whatever their style; nested mappings have their own keys.
    XCTAssertEqual(ids(read("{'x': 1, x: 2}")), ["yaml-duplicate-key"])
    XCTAssertEqual(ids(read("a: {x: 1}\nb: {x: 2}\n")), [])
  }

  // MARK: - Streams

  func testEachDocumentOfAStreamIsReadWithItsNumber() {
    let result = read("a: 1\n---\nb: 2\n---\n")
    XCTAssertEqual(json(result), [#"{"a":1}"#, #"{"b":2}"#, "null"])
    XCTAssertEqual(result.findings, [])

    let explicit = read("%YAML 1.2\n---\nx\n...\n--- |\n  text\n...\n")
    XCTAssertEqual(json(explicit), [#""x""#, #""text\n""#])

    XCTAssertEqual(read("").documents.count, 0)
    XCTAssertEqual(read("# only a comment\n").documents.count, 0)
    XCTAssertEqual(json(read("---")), ["null"])
  }

  func testFindingsCarryTheirDocumentNumberAndFileLine() {
    let result = read("a: 1\n---\nb: 2\n---\nc: .inf\nc: 3\n")
    XCTAssertEqual(ids(result), ["yaml-non-json-value", "yaml-duplicate-key"])
    XCTAssertEqual(
      result.findings[0].location, SourceLocation(file: "test.yaml", line: 5, column: 4, pointer: "/c", document: 3))
    XCTAssertEqual(result.findings[1].location.document, 3)
    XCTAssertEqual(result.findings[1].location.line, 6)
  }

  func testFixtureStream() throws {
    let result = YAMLReader().read(try fixture("deployment.yaml"), file: "deployment.yaml")
    XCTAssertEqual(result.findings, [])
    XCTAssertEqual(result.documents.count, 2)
    let deployment = result.documents[0].root
    XCTAssertEqual(deployment["spec"]?["selector"]?["matchLabels"], deployment["metadata"]?["labels"])
    XCTAssertEqual(deployment["spec"]?["replicas"]?.number?.lexeme, "3")
    let container = deployment["spec"]?["template"]?["spec"]?["containers"]?[0]
    XCTAssertEqual(container?["image"]?.string, "nginx:1.27")
    XCTAssertEqual(container?["resources"]?["limits"]?["cpu"]?.number?.lexeme, "0.5")
    XCTAssertEqual(container?["resources"]?["limits"]?["memory"]?.string, "128Mi")
    XCTAssertEqual(container?["ports"]?[0]?["containerPort"]?.position, SourcePosition(line: 21, column: 30))
    let service = result.documents[1].root
    XCTAssertEqual(service["spec"]?["enabled"]?.bool, true)
    XCTAssertEqual(service["spec"]?["note"]?.isNull, true)
    XCTAssertEqual(service["kind"]?.position, SourcePosition(line: 26, column: 7))
  }

  // MARK: - Anchors and aliases

  func testAliasesCopyTheAnchoredValue() throws {
    let result = read("base: &b {x: 1, y: [1, 2]}\ncopy: *b\nname: &n hello\nagain: *n\nlist: [*n, *b]\n")
    XCTAssertEqual(result.findings, [])
    let root = try XCTUnwrap(result.documents.first).root
    XCTAssertEqual(
      JSONWriter().string(root),
      #"{"base":{"x":1,"y":[1,2]},"copy":{"x":1,"y":[1,2]},"name":"hello","again":"hello","list":["hello",{"x":1,"y":[1,2]}]}"#
    )
    XCTAssertEqual(root["copy"], root["base"])
    // A copy points at the text it was copied from; its pointer is its own.
    XCTAssertEqual(root["copy"]?["y"]?.position, SourcePosition(line: 1, column: 20))
    XCTAssertEqual(root["copy"]?["y"]?.pointer.description, "/copy/y")
  }

  func testAnchoredKeysCanBeAliasedAsKeysAndValues() throws {
    let result = read("&k 12: a\nv: *k\nm: {*k : b}\n")
    XCTAssertEqual(result.findings, [])
    XCTAssertEqual(json(result), [#"{"12":"a","v":12,"m":{"12":"b"}}"#])
    // An aliased key counts as a repeated key.
    XCTAssertEqual(ids(read("&k key: 1\n*k : 2\n")), ["yaml-duplicate-key"])
  }

  func testMergeKeysAreOrdinaryKeys() {
    // "<<" merging is YAML 1.1; in 1.2 it is just a key.
    XCTAssertEqual(
      jsonOfClean("base: &b {a: 1}\nderived:\n  <<: *b\n  c: 2\n"),
      #"{"base":{"a":1},"derived":{"<<":{"a":1},"c":2}}"#)
  }

  func testLaterAnchorsShadowEarlierOnes() {
    XCTAssertEqual(jsonOfClean("- &a 1\n- &a [2, &a 3]\n- *a\n"), "[1,[2,3],3]")
    XCTAssertEqual(jsonOfClean("- &a 1\n- &a [2]\n- *a\n"), "[1,[2],[2]]")
  }

  func testUnknownAliasIsAnErrorAndNull() {
    let result = read("a: *nope\nb: &x 1\nc: *x\n")
    XCTAssertEqual(ids(result), ["yaml-unknown-alias"])
    XCTAssertEqual(
      result.findings[0].location, SourceLocation(file: "test.yaml", line: 1, column: 4, pointer: "/a", document: 1))
    XCTAssertEqual(result.findings[0].arguments["alias"], "nope")
    XCTAssertEqual(json(result), [#"{"a":null,"b":1,"c":1}"#])
    // Anchors do not carry over to the next document.
    XCTAssertEqual(ids(read("a: &x 1\n---\nb: *x\n")), ["yaml-unknown-alias"])
    XCTAssertEqual(ids(read("*nope : 1")), ["yaml-unknown-alias"])
  }

  func testRecursiveAliasIsRefused() {
    let result = read("&a [1, *a]")
    XCTAssertEqual(ids(result), ["yaml-recursive-alias"])
    XCTAssertEqual(json(result), ["[1,null]"])
    XCTAssertEqual(ids(read("&m {x: *m}")), ["yaml-recursive-alias"])
    XCTAssertEqual(ids(read("&a [1]\n")), [])
  }

  func testBillionLaughsIsRejectedQuickly() throws {
    let start = Date()
    let result = YAMLReader().read(try fixture("billion-laughs.yaml"), file: "lol.yaml")
    XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    XCTAssertEqual(ids(result), ["yaml-alias-expansion-limit"])
    XCTAssertEqual(result.documents.count, 0)
    let finding = result.findings[0]
    XCTAssertEqual(finding.severity, .error)
    // The budget for a small file is the floor, far below the 387 million values requested.
    XCTAssertEqual(finding.arguments["limit"], String(YAMLReader.minimumExpansion))
    XCTAssertEqual(finding.location.document, 1)
  }

  func testModestAliasUseStaysWithinTheBudget() {
    var text = "a: &a [1, 2, 3]\nb: &b [*a, *a, *a]\n"
    text += "c: [" + Array(repeating: "*b", count: 100).joined(separator: ", ") + "]\n"
    let result = read(text)
    XCTAssertEqual(result.findings, [])
    XCTAssertEqual(result.documents.first?.root["c"]?.count, 100)
  }

  func testExpansionBudgetIsConfigurableAndPerDocument() {
    let reader = YAMLReader(maxAliasExpansion: 10)
    XCTAssertEqual(reader.expansionBudget(forInputOf: 1_000_000), 10)
    let text = "a: &a [1, 2, 3, 4]\nb: *a\nc: *a\n"  // 5 entries per copy
    XCTAssertEqual(ids(read(text, reader: reader)), [])
    let result = read(text + "d: *a\n---\nx: 1\n", reader: reader)
    XCTAssertEqual(ids(result), ["yaml-alias-expansion-limit"])
    XCTAssertEqual(result.findings[0].location.line, 4)
    XCTAssertEqual(result.findings[0].location.pointer, "/d")
    // The rejected document ends the read.
    XCTAssertEqual(result.documents.count, 0)
    XCTAssertEqual(
      ids(read("a: &a [1, 2, 3, 4]\nb: *a\nc: *a\n---\na: &a [1, 2, 3, 4]\nb: *a\nc: *a\n", reader: reader)), [])
    // The relative bound: 64 entries per input byte, never below the floor.
    XCTAssertEqual(YAMLReader().expansionBudget(forInputOf: 10), YAMLReader.minimumExpansion)
    XCTAssertEqual(YAMLReader().expansionBudget(forInputOf: 10_000), 640_000)
    XCTAssertEqual(YAMLReader().expansionBudget(forInputOf: 100_000_000), 1_000_000)
  }

  // MARK: - Limits

  func testNestingDeeperThanTheLimitIsFatal() {
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    let result = read(deep)
    XCTAssertEqual(ids(result), ["yaml-too-deep"])
    XCTAssertEqual(result.findings[0].location.column, 513)
    XCTAssertEqual(result.documents.count, 0)
    let limit = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    XCTAssertEqual(read(limit).findings, [])
    // An alias can nest a copy too deep as well.
    let reader = YAMLReader(maxDepth: 4)
    XCTAssertEqual(ids(read("a: &a [[1]]\nb: [*a]\n", reader: reader)), [])
    XCTAssertEqual(ids(read("a: &a [[1]]\nb: [[*a]]\n", reader: reader)), ["yaml-too-deep"])
  }

  func testOversizedInputIsRefused() {
    let result = read("a: 12345", reader: YAMLReader(maxInputBytes: 4))
    XCTAssertEqual(ids(result), ["yaml-too-large"])
    XCTAssertEqual(result.documents.count, 0)
    XCTAssertEqual(ids(read("a: 1", reader: YAMLReader(maxInputBytes: 4))), [])
  }

  // MARK: - Syntax and encoding

  func testSyntaxErrorStopsTheRead() {
    let result = read("a: 1\n---\nb: [1, 2\nc: 3\n---\nd: 4\n")
    XCTAssertEqual(ids(result), ["yaml-syntax"])
    XCTAssertEqual(json(result), [#"{"a":1}"#])
    let finding = result.findings[0]
    XCTAssertEqual(finding.severity, .error)
    XCTAssertEqual(finding.location.document, 2)
    XCTAssertEqual(finding.location.line, 4)
    XCTAssertEqual(finding.location.column, 2)
    XCTAssertEqual(finding.arguments["problem"], "did not find expected ',' or ']'")
    XCTAssertEqual(
      finding.message,
      "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 3, column 4).")
  }

  func testBadIndentationIsASyntaxError() {
    let result = read("key: value\n  bad: indent\n")
    XCTAssertEqual(ids(result), ["yaml-syntax"])
    XCTAssertEqual(result.findings[0].location.line, 2)
    XCTAssertEqual(result.findings[0].location.column, 6)
  }

  func testInvalidUTF8IsAFindingWithItsPosition() {
    let result = YAMLReader().read(Array("a: 1\nb: x".utf8) + [0xFF, 0x41], file: "bad.yaml")
    XCTAssertEqual(ids(result), ["yaml-invalid-encoding"])
    XCTAssertEqual(result.findings[0].location.line, 2)
    XCTAssertEqual(result.findings[0].location.column, 5)
    XCTAssertEqual(result.findings[0].arguments["byte"], "0xFF")
    XCTAssertEqual(result.findings[0].arguments["encoding"], "UTF-8")
    XCTAssertEqual(result.documents.count, 0)

    let truncated = YAMLReader().read(Array("é: ".utf8) + [0xC3], file: nil)
    XCTAssertEqual(ids(truncated), ["yaml-invalid-encoding"])
    XCTAssertEqual(truncated.findings[0].location.column, 4)
  }

  func testControlCharactersAreForbidden() {
    let result = read("a: b\u{7}c")
    XCTAssertEqual(ids(result), ["yaml-forbidden-character"])
    XCTAssertEqual(result.findings[0].arguments["character"], "U+0007")
    XCTAssertEqual(result.findings[0].location.column, 5)
    XCTAssertEqual(jsonOfClean("a: b\tc"), #"{"a":"b\tc"}"#)
  }

  func testUTF16WithByteOrderMarkIsRead() {
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in "a: ü".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let result = YAMLReader().read(bytes, file: nil)
    XCTAssertEqual(result.findings, [])
    XCTAssertEqual(json(result), [#"{"a":"ü"}"#])
  }

  // MARK: - Positions

  func testPositionsAreOneBasedLinesAndScalarColumns() throws {
    let result = read("a:\n  b: [1, \"é\", x]\nключ: значение\n")
    XCTAssertEqual(result.findings, [])
    let root = try XCTUnwrap(result.documents.first).root
    XCTAssertEqual(root.position, SourcePosition(line: 1, column: 1))
    XCTAssertEqual(root["a"]?.position, SourcePosition(line: 2, column: 3))
    let b = try XCTUnwrap(root["a"]?["b"])
    XCTAssertEqual(b.position, SourcePosition(line: 2, column: 6))
    XCTAssertEqual(
      b.elements.map(\.position),
      [
        SourcePosition(line: 2, column: 7), SourcePosition(line: 2, column: 10), SourcePosition(line: 2, column: 15),
      ])
    XCTAssertEqual(root["ключ"]?.position, SourcePosition(line: 3, column: 7))
    XCTAssertEqual(root["ключ"]?.location(file: "f").pointer, "/ключ")
  }

  func testByteOrderMarkIsNotAColumn() throws {
    let result = YAMLReader().read([0xEF, 0xBB, 0xBF] + Array("a: 1".utf8), file: nil)
    XCTAssertEqual(result.findings, [])
    XCTAssertEqual(result.documents.first?.root["a"]?.position, SourcePosition(line: 1, column: 4))
  }

  // MARK: - Rules

  func testRulesAreWellFormed() {
    XCTAssertEqual(Set(YAMLRules.all.map(\.id)).count, YAMLRules.all.count)
    for rule in YAMLRules.all {
      XCTAssertTrue(rule.id.hasPrefix("yaml-"), rule.id)
      XCTAssertNotNil(rule.id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression), rule.id)
      XCTAssertNotNil(rule.spec, rule.id)
      XCTAssertNotNil(rule.fix, rule.id)
      XCTAssertTrue(rule.message.hasSuffix("."), rule.id)
    }
  }
}
