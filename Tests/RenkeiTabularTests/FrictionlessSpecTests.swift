import RenkeiCore
import RenkeiTabular
import XCTest

/// frictionless-py's validation spec tests (frictionlessdata/frictionless-py 44661adf,
/// `checks/__spec__/test_baseline.py`, `resource/__spec__/test_validate*.py`,
/// `schema/__spec__/test_validate.py`), reproduced with the same expected
/// `[rowNumber, fieldNumber, type]` lists. Inline Python data becomes CSV text; frictionless's
/// deprecated `schema_sync` is `fieldsMatch: "partial"`, which it resolves to.
///
/// Deliberate differences, each marked where it applies:
/// - Primary key fields are required (Table Schema `primaryKey`: "equivalent to adding
///   required: true"); frictionless only reports a key whose cells are all empty.
/// - Duplicate labels under name matching are `duplicate-label` findings; frictionless stops
///   with an exception.
/// Tests of frictionless's Python API only (custom checks, hash/byte/row counts, xlsx, zip,
/// inline Python objects, header_case) have no renkei counterpart and are not reproduced.
final class FrictionlessSpecTests: XCTestCase {
  typealias Support = TabularTestSupport

  let invalidTable = [
    Flat(nil, 3, "blank-label"), Flat(nil, 4, "duplicate-label"), Flat(2, 3, "missing-cell"),
    Flat(2, 4, "missing-cell"), Flat(3, 3, "missing-cell"), Flat(3, 4, "missing-cell"), Flat(4, nil, "blank-row"),
    Flat(5, 5, "extra-cell"),
  ]

  func flat(_ name: String, schema: TableSchema? = nil, dialect: CSVDialect = CSVDialect(), pick: Set<String>? = nil)
    throws -> [Flat]
  {
    Support.flatten(try Support.validate("frictionless/\(name)", schema: schema, dialect: dialect), pick: pick)
  }

  func flat(text: String, schema: TableSchema? = nil, pick: Set<String>? = nil) -> [Flat] {
    Support.flatten(Support.validate(text: text, schema: schema), pick: pick)
  }

  // MARK: - checks/__spec__/test_baseline.py, resource/__spec__/test_validate.py

  func testValidateBaseline() throws {
    XCTAssertEqual(try flat("table.csv"), [])
    XCTAssertEqual(try flat("table.csv", schema: Support.schema("frictionless/schema.json")), [])
  }

  func testValidateInvalid() throws {
    XCTAssertEqual(try flat("invalid.csv"), invalidTable)
  }

  func testBlankHeaders() throws {
    XCTAssertEqual(try flat("blank-headers.csv"), [Flat(nil, 2, "blank-label")])
  }

  func testDuplicateHeaders() throws {
    XCTAssertEqual(
      try flat("duplicate-headers.csv"), [Flat(nil, 3, "duplicate-label"), Flat(nil, 5, "duplicate-label")])
  }

  func testDefectiveRows() throws {
    XCTAssertEqual(try flat("defective-rows.csv"), [Flat(2, 3, "missing-cell"), Flat(3, 4, "extra-cell")])
  }

  func testBlankRows() throws {
    XCTAssertEqual(try flat("blank-rows.csv"), [Flat(4, nil, "blank-row")])
    XCTAssertEqual(try flat("blank-rows-multiple.csv"), (4...14).map { Flat($0, nil, "blank-row") })
  }

  func testBlankCellNotRequired() throws {
    XCTAssertEqual(try flat("blank-cells.csv"), [])
  }

  func testNoDataIsASourceError() throws {
    let report = try Support.validate("frictionless/empty.csv")
    XCTAssertEqual(Support.flatten(report), [Flat(nil, nil, "source-error")])
    XCTAssertEqual(
      Support.findings(report, "source-error").first?.message, "The file is empty: it has no header and no data.")
  }

  func testNoRows() throws {
    let report = try Support.validate("frictionless/without-rows.csv")
    XCTAssertEqual(Support.flatten(report), [])
    XCTAssertEqual(report.rowCount, 0)
  }

  func testPickAndSkipErrors() throws {
    let all = try flat("invalid.csv")
    XCTAssertEqual(
      all.filter { ["blank-label", "blank-row"].contains($0.type) },
      [
        Flat(nil, 3, "blank-label"), Flat(4, nil, "blank-row"),
      ])
    // skip_errors=["blank-label", "blank-row"]
    XCTAssertEqual(
      all.filter { !["blank-label", "blank-row"].contains($0.type) },
      [
        Flat(nil, 4, "duplicate-label"), Flat(2, 3, "missing-cell"), Flat(2, 4, "missing-cell"),
        Flat(3, 3, "missing-cell"), Flat(3, 4, "missing-cell"), Flat(5, 5, "extra-cell"),
      ])
    // pick_errors=["#header"] / skip_errors=["#header"]
    XCTAssertEqual(all.filter { $0.row == nil }, [Flat(nil, 3, "blank-label"), Flat(nil, 4, "duplicate-label")])
    XCTAssertEqual(all.filter { $0.row != nil }.count, 6)
    // limit_errors=3
    XCTAssertEqual(
      Array(all.prefix(3)), [Flat(nil, 3, "blank-label"), Flat(nil, 4, "duplicate-label"), Flat(2, 3, "missing-cell")])
  }

  func testStructureErrorsWithLimitErrors() throws {
    XCTAssertEqual(
      Array(try flat("structure-errors.csv").prefix(3)),
      [
        Flat(4, nil, "blank-row"), Flat(5, 4, "extra-cell"), Flat(5, 5, "extra-cell"),
      ])
  }

  func testInferFieldsIssues223And225() {
    XCTAssertEqual(flat(text: "name1,name2\n123,abc\n456,def\n789,ghi\n"), [])
    XCTAssertEqual(flat(text: "name1,name2\n123,\n456,\n789\n"), [Flat(4, 2, "missing-cell")])
  }

  func testWrongEncodingIssue274() throws {
    let report = try Support.validate("frictionless/encoding-issue-274.csv", encoding: .utf8)
    XCTAssertEqual(Support.flatten(report), [])
  }

  func testWideTableWithOrderedFieldsIssue277() throws {
    var schema = try Support.schema("frictionless/issue-277.json")
    schema.fieldsMatch = .partial
    XCTAssertEqual(
      try flat("issue-277.csv", schema: schema),
      [
        Flat(49, 50, "constraint-error"), Flat(68, 50, "constraint-error"), Flat(69, 50, "constraint-error"),
      ])
  }

  func testMissingFileIsNotAFinding() {
    XCTAssertThrowsError(try TableValidator().validate(path: "bad-path.csv")) { error in
      XCTAssertTrue("\(error)".contains("bad-path.csv"))
    }
  }

  func testNewlineInsideLabelIssue811() throws {
    // Semicolon-separated Windows-1252 with a line break inside two labels.
    let report = try Support.validate("frictionless/issue-811.csv")
    XCTAssertEqual(Support.flatten(report), [])
    XCTAssertEqual(report.encoding?.encoding, .windows1252)
    XCTAssertEqual(report.delimiter, UInt8(ascii: ";"))
    XCTAssertEqual(report.labels?[1], "Codice dell'Unità territoriale sovracomunale \n(valida a fini statistici)")
  }

  func testArrayItemEnumIssue833() throws {
    XCTAssertEqual(try flat("issue-833.csv", schema: Support.schema("frictionless/issue-833.json")), [])
  }

  func testDuplicateLabelsWithSyncSchemaIssue910() throws {
    // frictionless stops: 'matching fields by name ("fieldsMatch": "partial") requires unique labels
    // in the header'. renkei names the duplicate label and goes on.
    var schema = try Support.schema("frictionless/duplicate-column-schema.json")
    schema.fieldsMatch = .partial
    XCTAssertTrue(try flat("duplicate-column.csv", schema: schema).contains { $0.type == "duplicate-label" })
  }

  func testDetectorSyncSchema() throws {
    var schema = try Support.schema(
      json: #"{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}"#)
    schema.fieldsMatch = .partial
    XCTAssertEqual(try flat("sync-schema.csv", schema: schema), [])
    var other = try Support.schema(
      json:
        #"{"fields": [{"name": "id", "type": "string"}, {"name": "FirstName", "type": "string"}, {"name": "LastName", "type": "string"}]}"#
    )
    other.fieldsMatch = .partial
    XCTAssertEqual(flat(text: "LastName,FirstName,Address\nTest,Tester,23 Avenue\n", schema: other), [])
  }

  func testDetectorHeadersErrors() throws {
    var schema = try Support.schema(
      json: #"""
        {"fields": [{"name": "id", "type": "number"},
          {"name": "language", "type": "string", "constraints": {"required": true}},
          {"name": "country", "type": "string"}]}
        """#)
    schema.fieldsMatch = .partial
    let text = "id,last_name,first_name,language\n1,Alex,John,English\n2,Peters,John,Afrikaans\n3,Smith,Paul,\n"
    XCTAssertEqual(flat(text: text, schema: schema), [Flat(4, 4, "constraint-error")])
  }

  func testDetectorVariantsStayValid() throws {
    // schema_patch with missingValues ["-"], field types string / any, header=False with names.
    var patched = try Support.schema(
      json: #"{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}"#)
    patched.missingValues = ["-"]
    XCTAssertEqual(try flat("table.csv", schema: patched), [])
    let strings = try Support.schema(
      json: #"{"fields": [{"name": "id", "type": "string"}, {"name": "name", "type": "string"}]}"#)
    XCTAssertEqual(try flat("table.csv", schema: strings), [])
    let anys = try Support.schema(
      json: #"{"fields": [{"name": "id", "type": "any"}, {"name": "name", "type": "any"}]}"#)
    XCTAssertEqual(try flat("table.csv", schema: anys), [])
    let report = try Support.validate(
      "frictionless/without-headers.csv", schema: strings, dialect: CSVDialect(header: .none))
    XCTAssertEqual(Support.flatten(report), [])
    XCTAssertEqual(report.rowCount, 3)
  }

  func testEncoding() throws {
    XCTAssertEqual(Support.flatten(try Support.validate("frictionless/table.csv", encoding: .utf8)), [])
    let report = try Support.validate("frictionless/latin1.csv", encoding: .utf8)
    // frictionless: [["encoding-error", "'utf-8' codec can't decode byte 0xa9 in position 20: invalid start byte"]]
    XCTAssertEqual(Support.flatten(report).map(\.type), ["encoding-error"])
    XCTAssertEqual(Support.findings(report, "encoding-error").first?.arguments["bytes"], "0xA9")
    XCTAssertEqual(Support.findings(report, "encoding-error").first?.location.row, 3)
  }

  // MARK: - resource/__spec__/test_validate_schema.py

  func testExtraHeadersAndCells() throws {
    let schema = try Support.schema(json: #"{"fields": [{"name": "id", "type": "integer"}]}"#)
    let report = try Support.validate("frictionless/table.csv", schema: schema)
    XCTAssertEqual(
      Support.flatten(report), [Flat(nil, 2, "extra-label"), Flat(2, 2, "extra-cell"), Flat(3, 2, "extra-cell")])
    XCTAssertTrue(Support.findings(report, "extra-label")[0].message.contains("\"name\""))
  }

  func testMultipleErrors() throws {
    let rows = try flat("schema-errors.csv", schema: Support.schema("frictionless/schema-valid.json"))
      .filter { $0.row != nil }
    XCTAssertEqual(
      Array(rows.prefix(3)),
      [
        Flat(4, 1, "type-error"), Flat(4, 2, "constraint-error"), Flat(4, 3, "constraint-error"),
      ])
  }

  func testLengthAndRangeConstraints() throws {
    let text = "row,word\n2,a\n3,ab\n4,abc\n5,abcd\n6\n"
    func schema(_ type: String, _ constraints: String) throws -> TableSchema {
      try Support.schema(
        json:
          #"{"fields": [{"name": "row", "type": "integer"}, {"name": "word", "type": "\#(type)", "constraints": \#(constraints)}]}"#
      )
    }
    let pick: Set = ["constraint-error"]
    XCTAssertEqual(
      flat(text: text, schema: try schema("string", #"{"minLength": 2}"#), pick: pick), [Flat(2, 2, "constraint-error")]
    )
    XCTAssertEqual(
      flat(text: text, schema: try schema("string", #"{"maxLength": 2}"#), pick: pick),
      [Flat(4, 2, "constraint-error"), Flat(5, 2, "constraint-error")])
    let scores = "row,score\n2,1\n3,2\n4,3\n5,4\n6\n"
    XCTAssertEqual(
      flat(text: scores, schema: try schema("integer", #"{"minimum": 2}"#), pick: pick),
      [Flat(2, 2, "constraint-error")])
    XCTAssertEqual(
      flat(text: scores, schema: try schema("integer", #"{"maximum": 2}"#), pick: pick),
      [Flat(4, 2, "constraint-error"), Flat(5, 2, "constraint-error")])
  }

  let nestedSchema = #"""
    {"fields": [{"name": "id", "type": "integer"}, {"name": "cat", "type": "integer"}, {"name": "name", "type": "string"}],
     "foreignKeys": [{"fields": "cat", "reference": {"resource": "", "fields": "id"}}]}
    """#

  func testSelfReferencingForeignKey() throws {
    XCTAssertEqual(try flat("nested.csv", schema: Support.schema(json: nestedSchema)), [])
    let report = try Support.validate("frictionless/nested-invalid.csv", schema: Support.schema(json: nestedSchema))
    XCTAssertEqual(Support.flatten(report), [Flat(6, nil, "foreign-key")])
    XCTAssertEqual(Support.findings(report, "foreign-key").first?.arguments["values"], "\"6\"")
  }

  func testUniqueAndPrimaryKeyErrors() throws {
    let schema = try Support.schema("frictionless/unique-field.json")
    let all = try flat("unique-field.csv", schema: schema)
    XCTAssertEqual(all.filter { $0.type == "unique-error" }, [Flat(10, 1, "unique-error")])
    XCTAssertEqual(all.filter { $0.type == "primary-key" }, [Flat(10, nil, "primary-key")])
    XCTAssertEqual(all, [Flat(10, 1, "unique-error"), Flat(10, nil, "primary-key")])
  }

  func testUniqueErrorAndTypeError() throws {
    let schema = try Support.schema(
      json:
        #"{"fields": [{"name": "id", "type": "string"}, {"name": "unique_number", "type": "number", "constraints": {"unique": true}}]}"#
    )
    let report = Support.validate(text: "id,unique_number\na1,100\na2,bad\na3,100\na4,0\na5,0\n", schema: schema)
    XCTAssertEqual(
      Support.flatten(report), [Flat(3, 2, "type-error"), Flat(4, 2, "unique-error"), Flat(6, 2, "unique-error")])
  }

  func testCompositePrimaryKey() throws {
    let schema = try Support.schema(
      json:
        #"{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}], "primaryKey": ["id", "name"]}"#
    )
    let report = Support.validate(text: "id,name\n1,Alex\n1,John\n,Paul\n1,John\n,\n", schema: schema)
    // frictionless: [5, pk], [6, blank-row], [6, pk]. Row 4 has no id, and primary key fields are
    // required by the Table Schema specification, so renkei also reports [4, pk].
    XCTAssertEqual(
      Support.flatten(report),
      [
        Flat(4, nil, "primary-key"), Flat(5, nil, "primary-key"), Flat(6, nil, "blank-row"),
        Flat(6, nil, "primary-key"),
      ])
  }

  func testUnsupportedFieldTypeIssue304() {
    XCTAssertThrowsError(
      try Support.schema(json: #"{"fields": [{"name": "name", "type": "string"}, {"name": "age", "type": "bad"}]}"#)
    ) { error in
      XCTAssertEqual((error as? TableSchemaError)?.kind, .field)
      XCTAssertEqual((error as? TableSchemaError)?.note, "field type \"bad\" is not supported")
    }
  }

  func testLessActualFieldsWithRequiredConstraintIssue950() throws {
    let schema = try Support.schema(
      json: #"""
        {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"},
                    {"name": "bad", "type": "any", "constraints": {"required": true}}]}
        """#)
    XCTAssertEqual(
      try flat("table.csv", schema: schema),
      [
        Flat(nil, 3, "missing-label"), Flat(2, 3, "constraint-error"), Flat(2, 3, "missing-cell"),
        Flat(3, 3, "constraint-error"), Flat(3, 3, "missing-cell"),
      ])
  }

  func testMissingRequiredHeaderWithSchemaSyncIssue1611() throws {
    func schema(requireC: Bool) throws -> TableSchema {
      var schema = try Support.schema(
        json: #"""
          {"$schema": "https://frictionlessdata.io/schemas/table-schema.json",
           "fields": [{"name": "A", "type": "string", "constraints": {"required": true}},
                      {"name": "B", "type": "string"},
                      {"name": "C", "type": "string", "constraints": {"required": \#(requireC)}}]}
          """#)
      schema.fieldsMatch = .partial
      return schema
    }
    let report1 = Support.validate(text: "B,C\nb,c\n", schema: try schema(requireC: false))
    XCTAssertEqual(Support.flatten(report1), [Flat(nil, 3, "missing-label")])
    XCTAssertEqual(Support.findings(report1, "missing-label").first?.location.field, "A")
    let report2 = Support.validate(text: "B\nb\n", schema: try schema(requireC: true))
    XCTAssertEqual(Support.flatten(report2), [Flat(nil, 2, "missing-label"), Flat(nil, 3, "missing-label")])
    XCTAssertEqual(Support.findings(report2, "missing-label").map(\.location.field), ["A", "C"])
    let report3 = Support.validate(text: "A,B\na,b\na1\na2,b2\n\na3,b3,c3\n", schema: try schema(requireC: true))
    XCTAssertEqual(
      Support.flatten(report3),
      [
        Flat(nil, 3, "missing-label"), Flat(3, 2, "missing-cell"), Flat(5, nil, "blank-row"), Flat(6, 3, "extra-cell"),
      ])
  }

  func testUnmatchedHeaderIssue1635() throws {
    var schema = try Support.schema(
      json: #"""
        {"fields": [{"name": "aa", "type": "string", "constraints": {"required": true}},
                    {"name": "BB", "type": "string", "constraints": {"required": true}}]}
        """#)
    schema.fieldsMatch = .partial
    let report = Support.validate(text: "AA,bb\na,b\n", schema: schema)
    XCTAssertEqual(
      Support.flatten(report),
      [
        Flat(nil, nil, "unmatched-header"), Flat(nil, 3, "missing-label"), Flat(nil, 4, "missing-label"),
      ])
  }

  func testFieldsMatch() throws {
    func report(_ names: [String], _ mode: String, _ text: String) throws -> [Flat] {
      let fields = names.map { #"{"name": "\#($0)", "type": "string"}"# }.joined(separator: ", ")
      let schema = try Support.schema(json: #"{"fields": [\#(fields)], "fieldsMatch": "\#(mode)"}"#)
      return flat(text: text, schema: schema)
    }
    let reordered = "name,id\nenglish,1\n"
    let reorderedExpected: [String: [Flat]] = [
      "exact": [Flat(nil, 1, "incorrect-label"), Flat(nil, 2, "incorrect-label")], "equal": [], "subset": [],
      "superset": [], "partial": [],
    ]
    let extraExpected: [String: [Flat]] = [
      "exact": [Flat(nil, 2, "extra-label"), Flat(2, 2, "extra-cell")], "equal": [Flat(nil, 2, "extra-label")],
      "superset": [Flat(nil, 2, "extra-label")], "subset": [], "partial": [],
    ]
    let missingExpected: [String: [Flat]] = [
      "exact": [Flat(nil, 3, "missing-label"), Flat(2, 3, "missing-cell")], "equal": [Flat(nil, 3, "missing-label")],
      "subset": [Flat(nil, 3, "missing-label")], "superset": [], "partial": [],
    ]
    for mode in ["exact", "equal", "subset", "superset", "partial"] {
      XCTAssertEqual(try report(["id", "name"], mode, reordered), reorderedExpected[mode], mode)
      XCTAssertEqual(try report(["name"], mode, reordered), extraExpected[mode], mode)
      XCTAssertEqual(try report(["name", "id", "extra"], mode, reordered), missingExpected[mode], mode)
    }
  }

  func testFieldsMatchReadsCellsByName() throws {
    let schema = try Support.schema(
      json:
        #"{"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}], "fieldsMatch": "equal"}"#)
    XCTAssertEqual(try flat("sync-schema.csv", schema: schema), [])
  }

  // MARK: - resource/__spec__/test_validate_dialect.py

  func testDialectDelimiter() throws {
    let report = try Support.validate("frictionless/delimiter.csv", dialect: CSVDialect(delimiter: UInt8(ascii: ";")))
    XCTAssertEqual(Support.flatten(report), [])
    XCTAssertEqual(report.rowCount, 2)
    // Detected without being named, too.
    XCTAssertEqual(try Support.validate("frictionless/delimiter.csv").delimiter, UInt8(ascii: ";"))
  }

  func testDialectHeaderFalse() throws {
    let report = try Support.validate("frictionless/without-headers.csv", dialect: CSVDialect(header: .none))
    XCTAssertEqual(Support.flatten(report), [])
    XCTAssertEqual(report.rowCount, 3)
    XCTAssertNil(report.labels)
  }

  func testDialectHeaderFalseExtraCell() throws {
    let report = try Support.validate("frictionless/without-headers-extra.csv", dialect: CSVDialect(header: .none))
    XCTAssertEqual(report.rowCount, 3)
    XCTAssertEqual(Support.flatten(report), [Flat(3, 3, "extra-cell")])
  }

  func testDialectHeaderRows() throws {
    let one = try Support.validate("frictionless/matrix.csv", dialect: CSVDialect(header: .rows([2])))
    XCTAssertEqual(one.labels, ["11", "12", "13", "14"])
    XCTAssertEqual(Support.flatten(one), [])
    let three = try Support.validate("frictionless/matrix.csv", dialect: CSVDialect(header: .rows([2, 3, 4])))
    XCTAssertEqual(three.labels, ["11 21 31", "12 22 32", "13 23 33", "14 24 34"])
    XCTAssertEqual(Support.flatten(three), [])
    let joined = try Support.validate(
      "frictionless/matrix.csv", dialect: CSVDialect(header: .rows([2, 3, 4]), headerJoin: "."))
    XCTAssertEqual(joined.labels, ["11.21.31", "12.22.32", "13.23.33", "14.24.34"])
  }

  func testDialectCommentRows() throws {
    let report = try Support.validate(
      "frictionless/matrix.csv", dialect: CSVDialect(commentChar: "41", commentRows: [2]))
    XCTAssertEqual(report.labels, ["f1", "f2", "f3", "f4"])
    XCTAssertEqual(report.rowCount, 2)
    XCTAssertEqual(Support.flatten(report), [])
  }

  // MARK: - schema/__spec__/test_validate.py

  func schemaError(_ json: String) -> TableSchemaError? {
    do {
      _ = try Support.schema(json: json)
      return nil
    } catch {
      return error as? TableSchemaError
    }
  }

  func testSchemaDescriptors() throws {
    XCTAssertNoThrow(try Support.schema("frictionless/schema.json"))
    let bad = schemaError(#"{"fields": "bad"}"#)
    XCTAssertEqual(bad?.kind, .schema)
    XCTAssertEqual(bad?.note, "'bad' is not of type 'array' at property 'fields'")
    XCTAssertThrowsError(try Support.schema("frictionless/schema-invalid.json")) { error in
      XCTAssertEqual(
        error as? TableSchemaError, TableSchemaError(.field, "\"required\" should be set as \"constraints.required\""))
    }
    XCTAssertEqual(
      schemaError(#"{"fields": [{"name": "name", "type": "string"}], "fieldsMatch": "bogus"}"#)?.kind, .schema)
    XCTAssertNil(schemaError(#"{"fields": [{"name": "name"}, {"name": "id", "type": "integer"}]}"#))
    XCTAssertNoThrow(try Support.schema("frictionless/invalid-schema.json"))
  }

  func testMissingValuesUniqueness() {
    let cases: [(String, String, [String])] = [
      ("valid-strings", #"["", "NA"]"#, []),
      ("valid-duplicate-strings", #"["NA", "NA"]"#, []),
      ("valid-objects", #"[{"value": "-99", "label": "REFUSED"}, {"value": "", "label": "OMITTED"}]"#, []),
      ("missing-labels-do-not-collide", #"[{"value": "-99"}, {"value": "-1"}]"#, []),
      (
        "duplicate-value", #"[{"value": "-99", "label": "REFUSED"}, {"value": "-99", "label": "OMITTED"}]"#,
        ["missing value \"-99\" is not unique"]
      ),
      (
        "duplicate-label", #"[{"value": "-99", "label": "REFUSED"}, {"value": "", "label": "REFUSED"}]"#,
        ["missing value label \"REFUSED\" is not unique"]
      ),
      (
        "duplicate-value-and-label", #"[{"value": "-99", "label": "REFUSED"}, {"value": "-99", "label": "REFUSED"}]"#,
        ["missing value \"-99\" is not unique", "missing value label \"REFUSED\" is not unique"]
      ),
    ]
    for (name, values, notes) in cases {
      let error = schemaError(#"{"fields": [{"name": "name", "type": "string"}], "missingValues": \#(values)}"#)
      XCTAssertEqual(error.map { $0.note.components(separatedBy: "; ") } ?? [], notes, name)
      if error != nil { XCTAssertEqual(error?.kind, .schema, name) }
    }
    let field = schemaError(
      #"{"fields": [{"name": "name", "type": "string", "missingValues": [{"value": "-99", "label": "REFUSED"}, {"value": "-99", "label": "OMITTED"}]}]}"#
    )
    XCTAssertEqual(field, TableSchemaError(.field, "missing value \"-99\" is not unique"))
  }

  func testMissingValuesVersionGate() {
    let v1 = "https://datapackage.org/profiles/1.0/tableschema.json"
    let v2 = "https://datapackage.org/profiles/2.0/tableschema.json"
    let custom = "https://example.com/profiles/custom-tableschema.json"
    let objects = #"[{"value": "-99", "label": "REFUSED"}]"#
    let gate = "missing values in object form require datapackage v2"
    func check(_ profile: String?, _ values: String, field: Bool = false) -> TableSchemaError? {
      let header = profile.map { #""$schema": "\#($0)", "# } ?? ""
      if field {
        return schemaError(#"{\#(header)"fields": [{"name": "name", "type": "string", "missingValues": \#(values)}]}"#)
      }
      return schemaError(#"{\#(header)"fields": [{"name": "name", "type": "string"}], "missingValues": \#(values)}"#)
    }
    XCTAssertEqual(check(v1, objects), TableSchemaError(.schema, gate))
    XCTAssertNil(check(v1, #"["", "NA"]"#))
    XCTAssertNil(check(v2, objects))
    XCTAssertNil(check(custom, objects))
    XCTAssertNil(check(nil, objects))
    XCTAssertEqual(check(v1, objects, field: true), TableSchemaError(.field, gate))
    XCTAssertNil(check(v2, objects, field: true))
    XCTAssertNil(check(nil, objects, field: true))
  }

  // MARK: - package/__spec__/test_validate.py (resources validated one by one)

  func testPackageResources() throws {
    XCTAssertEqual(try flat("package/data.csv"), [])
    XCTAssertEqual(try flat("infer/data.csv"), [])
    XCTAssertEqual(try flat("invalid.csv"), invalidTable)
    let people = try Support.schema(
      json: #"""
        {"fields": [{"name": "id", "type": "string"}, {"name": "name", "type": "string"},
                    {"name": "surname", "type": "string"}, {"name": "dob", "type": "date"}]}
        """#)
    XCTAssertEqual(
      flat(text: "id,name,surname\np1,Tom,Hanks\np2,Meryl,Streep\n", schema: people),
      [
        Flat(nil, 4, "missing-label"), Flat(2, 4, "missing-cell"), Flat(3, 4, "missing-cell"),
      ])
  }

  func testPackageCompositePrimaryKeyIssue215() throws {
    let schema = try Support.schema(
      json:
        #"{"fields": [{"name": "id1", "type": "string"}, {"name": "id2", "type": "string"}], "primaryKey": ["id1", "id2"]}"#
    )
    XCTAssertEqual(flat(text: "id1,id2\na,1\na,2\n", schema: schema), [])
    XCTAssertEqual(flat(text: "id1,id2\na,1\na,1\n", schema: schema), [Flat(3, nil, "primary-key")])
  }

  func testPackageGeopointRequiredIssue231() throws {
    let package = try JSONParser().parse(Support.bytes("frictionless/geopoint/datapackage.json")).document.root
    let schema = try TableSchema(descriptor: package["resources"]![0]!["schema"]!)
    XCTAssertEqual(try flat("geopoint/data/geopoint-object.csv", schema: schema), [])
  }

  func testPackageNumberIssue232() throws {
    let package = try JSONParser().parse(Support.bytes("frictionless/number/datapackage.json")).document.root
    let schema = try TableSchema(descriptor: package["resources"]![0]!["schema"]!)
    // frictionless only asserts "not valid".
    XCTAssertFalse(try flat("number/number-test.csv", schema: schema).isEmpty)
  }

  func testPackageInvalidResources() throws {
    // invalid/datapackage.json: [1, 3, blank-row], [1, 3, primary-key], [2, 4, blank-row]
    let package = try JSONParser().parse(Support.bytes("frictionless/invalid/datapackage.json")).document.root
    let resources = package["resources"]!.elements
    let first = try TableSchema(descriptor: resources[0]["schema"]!)
    XCTAssertEqual(
      try flat("invalid/data.csv", schema: first), [Flat(3, nil, "blank-row"), Flat(3, nil, "primary-key")])
    var second = try TableSchema(descriptor: resources[1]["schema"]!)
    second.foreignKeys = []  // refers to the other resource of the package
    XCTAssertEqual(try flat("invalid/data2.csv", schema: second), [Flat(4, nil, "blank-row")])
  }

  func testPackageSelfReferencedForeignKey() throws {
    let schema = try Support.schema(
      json: #"""
        {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}, {"name": "next_id", "type": "integer"}],
         "foreignKeys": [{"fields": "next_id", "reference": {"resource": "", "fields": "id"}}]}
        """#)
    XCTAssertEqual(flat(text: "id,name,next_id\n1,london,2\n2,paris,3\n3,rome,4\n4,rio,\n", schema: schema), [])
    let report = Support.validate(text: "id,name,next_id\n1,london,2\n2,paris,3\n3,rome,4\n", schema: schema)
    XCTAssertEqual(Support.flatten(report), [Flat(4, nil, "foreign-key")])
  }
}
