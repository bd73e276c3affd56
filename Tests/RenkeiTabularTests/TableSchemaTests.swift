import RenkeiCore
import XCTest

@testable import RenkeiTabular

/// Reading Table Schema descriptors, telling them from JSON Schemas, and the value readers behind
/// the types (strptime patterns, durations, decimals).
final class TableSchemaTests: XCTestCase {
  typealias Support = TabularTestSupport

  func root(_ json: String) -> JSONValue { try! JSONParser().parse(json).document.root }

  func testTableSchemaOrJSONSchema() {
    XCTAssertTrue(TableSchema.isTableSchema(root(#"{"fields": []}"#)))
    XCTAssertTrue(
      TableSchema.isTableSchema(
        root(#"{"$schema": "https://datapackage.org/profiles/2.0/tableschema.json", "fields": []}"#)))
    XCTAssertFalse(
      TableSchema.isTableSchema(root(#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "fields": []}"#)))
    XCTAssertFalse(TableSchema.isTableSchema(root(#"{"type": "object", "properties": {"fields": {}}}"#)))
    XCTAssertFalse(TableSchema.isTableSchema(root(#"{"fields": "x"}"#)))
    XCTAssertFalse(TableSchema.isTableSchema(root("[]")))
  }

  func testDescriptorProperties() throws {
    let schema = try Support.schema(
      json: #"""
        {"fields": [
           {"name": "id", "type": "integer", "constraints": {"required": true, "unique": true}},
           {"name": "price", "type": "number", "decimalChar": ",", "groupChar": " ", "bareNumber": false},
           {"name": "ok", "type": "boolean", "trueValues": ["はい"], "falseValues": ["いいえ"]},
           {"name": "day", "type": "date", "format": "fmt:%Y/%m/%d"},
           {"name": "tags", "type": "list", "delimiter": ";", "itemType": "integer"}],
         "primaryKey": "id", "uniqueKeys": [["id", "day"]],
         "foreignKeys": [{"fields": "id", "reference": {"resource": "", "fields": "id"}}],
         "missingValues": ["", "-"], "fieldsMatch": "subset"}
        """#)
    XCTAssertEqual(schema.fields.map(\.type), [.integer, .number, .boolean, .date, .list])
    XCTAssertEqual(schema.fields[3].format, "%Y/%m/%d", "the v0 fmt: prefix is removed")
    XCTAssertEqual(schema.fields[1].decimalChar, ",")
    XCTAssertEqual(schema.fields[4].itemType, .integer)
    XCTAssertEqual(schema.primaryKey, ["id"])
    XCTAssertEqual(schema.uniqueKeys, [["id", "day"]])
    XCTAssertEqual(schema.foreignKeys, [ForeignKey(fields: ["id"], resource: nil, referenceFields: ["id"])])
    XCTAssertTrue(schema.foreignKeys[0].isSelfReference)
    XCTAssertEqual(schema.missingValues, ["", "-"])
    XCTAssertEqual(schema.fieldsMatch, .subset)
  }

  func testDescriptorErrors() {
    let cases: [(String, TableSchemaError.Kind, String)] = [
      (#"{}"#, .schema, "'fields' is a required property"),
      (#"{"fields": [{"type": "string"}]}"#, .field, "'name' is a required property"),
      (
        #"{"fields": [{"name": "a", "type": "integer", "constraints": {"pattern": "x"}}]}"#, .field,
        "constraint \"pattern\" is not supported by type \"integer\""
      ),
      (#"{"fields": [{"name": "a", "constraints": {"pattern": "(?=x)"}}]}"#, .field, "not supported by type \"any\""),
      (
        #"{"fields": [{"name": "a", "type": "string", "constraints": {"pattern": "(?=x)"}}]}"#, .field,
        "constraint \"pattern\" \"(?=x)\" is not a valid XML Schema regular expression"
      ),
      (#"{"fields": [{"name": "a", "type": "date", "format": "YYYY-MM-DD"}]}"#, .field, "is not a strptime pattern"),
      (
        #"{"fields": [{"name": "a", "type": "date", "format": "%Q"}]}"#, .field,
        "'%Q' is not a supported strptime directive"
      ),
      (
        #"{"fields": [{"name": "a", "type": "string", "format": "phone"}]}"#, .field,
        "format \"phone\" is not supported"
      ),
      (#"{"fields": [{"name": "a"}], "primaryKey": ["b"]}"#, .schema, "primary key \"b\" does not match"),
      (
        #"{"fields": [{"name": "a"}], "foreignKeys": [{"fields": ["a", "a"], "reference": {"fields": ["a"]}}]}"#,
        .schema,
        "differ in number"
      ),
      (
        #"{"$schema": "https://datapackage.org/profiles/1.0/tableschema.json", "fields": [{"name": "a", "type": "integer", "constraints": {"exclusiveMinimum": 1}}]}"#,
        .field, "constraint \"exclusiveMinimum\" requires datapackage v2"
      ),
    ]
    for (json, kind, note) in cases {
      XCTAssertThrowsError(try Support.schema(json: json), json) { error in
        let schemaError = error as? TableSchemaError
        XCTAssertEqual(schemaError?.kind, kind, json)
        XCTAssertTrue(schemaError?.note.contains(note) ?? false, "\(json): \(String(describing: schemaError))")
      }
    }
    XCTAssertThrowsError(try TableSchema(json: Array("{".utf8)))
  }

  func testStrptimeFollowsPython() throws {
    func parse(_ pattern: String, _ value: String) throws -> StrptimeFormat.Parts? {
      let format = try StrptimeFormat(pattern)
      var bytes = Array(value.utf8)
      return bytes.withUnsafeMutableBufferPointer { format.parse(UnsafeBufferPointer($0)) }
    }
    XCTAssertEqual(try parse("%Y%m%d", "20240105")?.day, 5)
    XCTAssertEqual(try parse("%d/%m/%y", "1/4/69")?.year, 1969)
    XCTAssertEqual(try parse("%d/%m/%y", "1/4/68")?.year, 2068)
    XCTAssertEqual(try parse("%I:%M %p", "12:30 am")?.hour, 0)
    XCTAssertEqual(try parse("%I:%M %p", "01:30 PM")?.hour, 13)
    XCTAssertEqual(try parse("%d %b %Y", "1 APR 2024")?.month, 4)
    XCTAssertEqual(try parse("%j/%Y", "060/2024")?.month, 2)
    XCTAssertEqual(try parse("%H:%M%z", "09:00+0900")?.offset, 9 * 3600)
    XCTAssertEqual(try parse("%H:%M:%S.%f", "09:00:01.250")?.fraction, [2, 5])
    XCTAssertNil(try parse("%Y-%m-%d", "2024-02-30"))
    XCTAssertNil(try parse("%Y-%m-%d", "2024-01-01x"), "unconverted data remains")
    XCTAssertNotNil(try parse("%Y %m", "2024   4"), "white space in the pattern matches any run of white space")
  }

  func testDurationsArePartlyOrdered() {
    func duration(_ text: String) -> DurationValue {
      var bytes = Array(text.utf8)
      return bytes.withUnsafeMutableBufferPointer { DurationValue.parse(UnsafeBufferPointer($0))! }
    }
    XCTAssertEqual(DurationValue.compare(duration("P1Y"), duration("P12M")), 0)
    XCTAssertEqual(DurationValue.compare(duration("PT36H"), duration("P1DT12H")), 0)
    XCTAssertEqual(DurationValue.compare(duration("P1M"), duration("P27D")), 1)
    XCTAssertNil(DurationValue.compare(duration("P1M"), duration("P30D")))
    XCTAssertEqual(DurationValue.compare(duration("-PT0.5S"), duration("PT0S")), -1)
  }

  func testDecimalNumbersCompareExactly() {
    func number(_ text: String) -> DecimalNumber {
      var bytes = Array(text.utf8)
      return bytes.withUnsafeMutableBufferPointer { NumberParser().parse(UnsafeBufferPointer($0))! }
    }
    XCTAssertEqual(DecimalNumber.compare(number("1.0"), number("1")), 0)
    XCTAssertEqual(number("1.50").canonical, "1.5")
    XCTAssertEqual(number("-0").canonical, "0")
    XCTAssertEqual(number("1e3").canonical, "1000")
    XCTAssertEqual(DecimalNumber.compare(number("12345678901234567890.5"), number("12345678901234567890.4")), 1)
    XCTAssertEqual(DecimalNumber.compare(number("-INF"), number("-1e300")), -1)
    XCTAssertNil(DecimalNumber.compare(number("NaN"), number("1")))
    XCTAssertEqual(number("0.000123").canonical, "0.000123")
  }
}
