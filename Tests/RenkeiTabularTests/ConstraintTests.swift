import RenkeiCore
import RenkeiTabular
import XCTest

/// Field constraints, missing values and keys: each fires on a bad row and stays silent on good ones.
final class ConstraintTests: XCTestCase {
  typealias Support = TabularTestSupport

  /// The rows (from 2) of a table whose value in `v` breaks the constraints (a second column
  /// keeps rows with an empty `v` from being blank rows).
  func failing(_ type: String, _ constraints: String, _ values: [String], extra: String = "") throws -> [Int] {
    let schema = try Support.schema(
      json: #"{"fields": [{"name": "v", "type": "\#(type)", "constraints": \#(constraints)\#(extra)}, {"name": "n"}]}"#)
    let text = "v,n\n" + values.enumerated().map { "\"\($0.element)\",\($0.offset)" }.joined(separator: "\n") + "\n"
    return Support.findings(Support.validate(text: text, schema: schema), "constraint-error").compactMap(\.location.row)
  }

  func testRequired() throws {
    XCTAssertEqual(try failing("string", #"{"required": true}"#, ["a", "", "b"]), [3])
    XCTAssertEqual(try failing("string", #"{"required": false}"#, ["a", "", "b"]), [])
    // In a row whose cells are all missing, the blank row is reported instead.
    let schema = try Support.schema(json: #"{"fields": [{"name": "v", "constraints": {"required": true}}]}"#)
    XCTAssertEqual(Support.flatten(Support.validate(text: "v\na\n\"\"\n", schema: schema)), [Flat(3, nil, "blank-row")])
  }

  func testLengths() throws {
    XCTAssertEqual(try failing("string", #"{"minLength": 2, "maxLength": 3}"#, ["あい", "あ", "あいう", "あいうえ"]), [3, 5])
    XCTAssertEqual(try failing("array", #"{"minLength": 1}"#, ["[1]", "[]"]), [3])
    XCTAssertEqual(try failing("object", #"{"maxLength": 1}"#, [#"{"a": 1}"#, #"{"a": 1, "b": 2}"#].map(escape)), [3])
  }

  func testBounds() throws {
    // NaN is neither above nor below anything: it breaks both bounds.
    XCTAssertEqual(
      try failing("number", #"{"minimum": 20, "maximum": 46}"#, ["20", "46", "19.999999", "46.0000001", "NaN"]),
      [
        4, 5, 6, 6,
      ])
    XCTAssertEqual(
      try failing("integer", #"{"exclusiveMinimum": 0, "exclusiveMaximum": 10}"#, ["1", "9", "0", "10"]), [4, 5])
    XCTAssertEqual(try failing("number", #"{"minimum": "-99.99"}"#, ["-99.99", "-100", "1e-30"]), [3])
    XCTAssertEqual(
      try failing("number", #"{"maximum": 1}"#, ["1.00000000000000000000000001", "0.99999999999999999999999999"]), [2])
    XCTAssertEqual(try failing("date", #"{"minimum": "2024-04-01"}"#, ["2024-04-01", "2024-03-31"]), [3])
    XCTAssertEqual(try failing("time", #"{"maximum": "17:00:00"}"#, ["16:59:59", "17:00:01"]), [3])
    XCTAssertEqual(
      try failing(
        "datetime", #"{"maximum": "2024-01-01T00:00:00Z"}"#, ["2024-01-01T08:59:59+09:00", "2024-01-01T09:00:01+09:00"]),
      [3])
    XCTAssertEqual(try failing("year", #"{"minimum": 2000}"#, ["2000", "1999"]), [3])
    XCTAssertEqual(try failing("yearmonth", #"{"maximum": "2024-03"}"#, ["2024-03", "2024-04"]), [3])
    // P1M is neither longer nor shorter than P30D: it does not satisfy a bound of either.
    XCTAssertEqual(try failing("duration", #"{"maximum": "P30D"}"#, ["P29D", "P31D", "P1M", "PT720H"]), [3, 4])
  }

  func testPatternIsAnXMLSchemaRegexMatchingTheWholeValue() throws {
    XCTAssertEqual(
      try failing("string", #"{"pattern": "[0-9]{6}"}"#, ["222127", "2221270", "22212", "２２２１２７"]), [3, 4, 5])
    XCTAssertEqual(try failing("string", #"{"pattern": "^a.*$"}"#, ["apple", "orange"]), [3])
    XCTAssertEqual(try failing("string", #"{"pattern": "[ァ-ヶー・　 ]+"}"#, ["ヤイヅシ", "やいづし", "ヤイヅ シ"]), [3])
    XCTAssertEqual(try failing("string", #"{"pattern": "\\p{IsKatakana}+"}"#, ["カナ", "かな"]), [3])
  }

  func testEnumAndCategories() throws {
    XCTAssertEqual(try failing("string", #"{"enum": ["有", "無"]}"#, ["有", "無", "あり"]), [4])
    XCTAssertEqual(try failing("integer", #"{"enum": [1, 2]}"#, ["1", "02", "3"]), [4])
    XCTAssertEqual(try failing("number", #"{"enum": ["0.95", "1"]}"#, ["1.0", "0.950", "0.9"]), [4])
    XCTAssertEqual(try failing("string", "{}", ["apple", "plum"], extra: #", "categories": ["apple", "orange"]"#), [3])
    XCTAssertEqual(
      try failing("integer", "{}", ["0", "3"], extra: #", "categories": [{"value": 0, "label": "a"}, {"value": 1}]"#),
      [3])
  }

  func testArrayItem() throws {
    let text = #"v\n"[""a""]"\n"[""b"", ""z""]"\n"[1]"\n"#
    let schema = try Support.schema(
      json:
        #"{"fields": [{"name": "v", "type": "array", "arrayItem": {"type": "string", "constraints": {"enum": ["a", "b"]}}}]}"#
    )
    let report = Support.validate(text: text.replacingOccurrences(of: "\\n", with: "\n"), schema: schema)
    XCTAssertEqual(Support.findings(report, "constraint-error").map(\.location.row), [3, 4])
  }

  func testMissingValues() throws {
    let schema = try Support.schema(
      json: #"""
        {"fields": [{"name": "n", "type": "number", "constraints": {"required": true}},
                    {"name": "m", "type": "number", "missingValues": ["-"]}],
         "missingValues": ["", "NA"]}
        """#)
    let report = Support.validate(text: "n,m\n1,2\nNA,-\n,NA\n-,\n", schema: schema)
    XCTAssertEqual(
      Support.flatten(report),
      [
        Flat(3, nil, "blank-row"), Flat(4, 1, "constraint-error"), Flat(4, 2, "type-error"), Flat(5, 1, "type-error"),
        Flat(5, 2, "type-error"),
      ])
    // An empty list means nothing is missing, not even an empty cell.
    let none = try Support.schema(json: #"{"fields": [{"name": "n", "type": "integer"}], "missingValues": []}"#)
    XCTAssertEqual(Support.flatten(Support.validate(text: "n\n1\n\"\"\n", schema: none)), [Flat(3, 1, "type-error")])
  }

  func testUniqueAndKeys() throws {
    let unique = try Support.schema(
      json: #"{"fields": [{"name": "id", "type": "integer", "constraints": {"unique": true}}]}"#)
    let report = Support.validate(text: "id\n1\n2\n01\n\n2\n", schema: unique)
    XCTAssertEqual(
      Support.flatten(report), [Flat(4, 1, "unique-error"), Flat(5, nil, "blank-row"), Flat(6, 1, "unique-error")])
    XCTAssertEqual(
      Support.findings(report, "unique-error")[0].message,
      "\"01\" in field \"id\" repeats the value of row 2; the field is unique.")

    let keys = try Support.schema(
      json: #"""
        {"fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}],
         "uniqueKeys": [["a", "b"]]}
        """#)
    XCTAssertEqual(
      Support.flatten(Support.validate(text: "a,b\nx,1\nx,2\nx,1\n,1\n,1\n", schema: keys)),
      [Flat(4, nil, "unique-error")])

    let primary = try Support.schema(
      json: #"{"fields": [{"name": "id", "type": "string"}, {"name": "v", "type": "string"}], "primaryKey": "id"}"#)
    XCTAssertEqual(
      Support.flatten(Support.validate(text: "id,v\na,1\nb,2\na,3\n,4\n", schema: primary)),
      [Flat(4, nil, "primary-key"), Flat(5, nil, "primary-key")])
    XCTAssertEqual(Support.flatten(Support.validate(text: "id,v\na,1\nb,2\n", schema: primary)), [])
  }

  func testForeignKeysAcrossTheWholeFile() throws {
    let schema = try Support.schema(
      json: #"""
        {"fields": [{"name": "id", "type": "integer"}, {"name": "parent", "type": "integer"}],
         "foreignKeys": [{"fields": ["parent"], "reference": {"fields": ["id"]}}]}
        """#)
    // A reference to a row further down is fine; the check runs once the whole file is read.
    var text = "id,parent\n"
    for index in 1...3000 { text += "\(index),\(index == 1 ? "" : String(3001 - index))\n" }
    text += "3001,9999\n"
    let report = Support.validate(text: text, schema: schema, blockSize: 8192)
    XCTAssertEqual(Support.flatten(report), [Flat(3002, nil, "foreign-key")])
    XCTAssertEqual(
      Support.findings(report, "foreign-key")[0].message,
      "The values \"9999\" of \"parent\" are not among the values of \"id\" in this table.")
  }

  func testUnevaluatedConstraintIsSaid() throws {
    let schema = try Support.schema(
      json: #"{"fields": [{"name": "o", "type": "object", "constraints": {"jsonSchema": {"type": "object"}}}]}"#)
    let report = Support.validate(text: "o\n{}\n", schema: schema)
    XCTAssertEqual(Support.findings(report, "constraint-not-checked").count, 1)
  }

  func testConstraintMessages() throws {
    let schema = try Support.schema(
      json: #"{"fields": [{"name": "名称", "type": "string", "constraints": {"maxLength": 3, "pattern": "[ァ-ン]+"}}]}"#)
    let report = Support.validate(text: "名称\nやいづし\n", schema: schema)
    let messages = Support.findings(report, "constraint-error").map(\.message)
    XCTAssertEqual(
      messages,
      [
        "\"やいづし\" in field \"名称\" has 4 characters, more than the maximum of 3 characters.",
        "\"やいづし\" in field \"名称\" does not match the pattern [ァ-ン]+.",
      ])
    XCTAssertEqual(Support.findings(report, "constraint-error")[0].spec?.clause, "Field Constraints › maxLength")
  }

  private func escape(_ json: String) -> String { json.replacingOccurrences(of: "\"", with: "\"\"") }
}
