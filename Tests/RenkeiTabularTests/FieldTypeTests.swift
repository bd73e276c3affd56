import RenkeiCore
import RenkeiTabular
import XCTest

/// Every Table Schema type and format: values that are of the type pass, others are `type-error`.
final class FieldTypeTests: XCTestCase {
  typealias Support = TabularTestSupport

  /// The values of a one-column table of `type`/`format` (plus extra field properties) that are
  /// type errors.
  func rejected(_ type: String, format: String? = nil, extra: String = "", _ values: [String]) throws -> [String] {
    var field = #""name": "v", "type": "\#(type)""#
    if let format { field += #", "format": "\#(format)""# }
    if !extra.isEmpty { field += ", " + extra }
    let schema = try Support.schema(json: #"{"fields": [{\#(field)}]}"#)
    let text =
      "v\n" + values.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: "\n")
      + "\n"
    let report = Support.validate(text: text, schema: schema)
    return Support.findings(report, "type-error").compactMap { finding in
      finding.location.row.map { values[$0 - 2] }
    }
  }

  func testString() throws {
    XCTAssertEqual(try rejected("string", ["", "x", "任意の文字列", "１２３"]), [])
    XCTAssertEqual(
      try rejected("string", format: "email", ["info@city.yaizu.lg.jp", "no-at-sign", "a@b", "a b@c.jp"]),
      ["no-at-sign", "a b@c.jp"])
    XCTAssertEqual(
      try rejected(
        "string", format: "uri",
        [
          "https://www.city.yaizu.lg.jp/a?b=c#d", "urn:isbn:0451450523", "www.example.com", "https://例え.jp/",
          "http://a b",
        ]),
      ["www.example.com", "https://例え.jp/", "http://a b"])
    XCTAssertEqual(
      try rejected(
        "string", format: "uuid", ["123e4567-e89b-12d3-a456-426614174000", "123e4567e89b12d3a456426614174000", "xyz"]),
      ["123e4567e89b12d3a456426614174000", "xyz"])
    XCTAssertEqual(try rejected("string", format: "binary", ["aGVsbG8=", "aGVsbG8", "!!!!", ""]), ["aGVsbG8", "!!!!"])
  }

  func testNumberAndInteger() throws {
    XCTAssertEqual(
      try rejected(
        "number",
        [
          "1", "-1.5", "+100000.00", ".5", "1.", "1e3", "2.5E-2", "NaN", "inf", "-INF", " 7 ", "１２", "1,000", "1.2.3",
          "abc", "e5",
        ]),
      ["１２", "1,000", "1.2.3", "abc", "e5"])
    XCTAssertEqual(
      try rejected("integer", ["0", "-12", "+7", "007", "12345678901234567890123", "1.0", "1e3", "١٢"]),
      [
        "1.0", "1e3", "١٢",
      ])
    XCTAssertEqual(
      try rejected("number", extra: ##""decimalChar": ",", "groupChar": ".""##, ["1.234,5", "12,5", "1.5,1", "12.5"]),
      [])
    XCTAssertEqual(try rejected("number", extra: ##""decimalChar": ",""##, ["1,5", "1.5"]), ["1.5"])
    XCTAssertEqual(
      try rejected("number", extra: #""bareNumber": false"#, ["95%", "€95", "EUR 95", "$4.00 ", "abc"]), ["abc"])
    XCTAssertEqual(try rejected("integer", extra: #""groupChar": ",""#, ["1,000,000", "1000"]), [])
  }

  func testBoolean() throws {
    XCTAssertEqual(try rejected("boolean", ["true", "False", "1", "0", "yes", "TRUE "]), ["yes", "TRUE "])
    XCTAssertEqual(
      try rejected("boolean", extra: #""trueValues": ["はい"], "falseValues": ["いいえ"]"#, ["はい", "いいえ", "true"]), ["true"])
  }

  func testJSONTypes() throws {
    XCTAssertEqual(try rejected("object", [#"{"a": 1}"#, "{}", "[1]", "{bad}"]), ["[1]", "{bad}"])
    XCTAssertEqual(try rejected("array", ["[1, \"a\"]", "[]", "{}", "[1,"]), ["{}", "[1,"])
    XCTAssertEqual(
      try rejected(
        "geojson",
        [
          #"{"type": "Point", "coordinates": [138.3, 34.8]}"#,
          #"{"type": "Feature", "geometry": null, "properties": {}}"#,
          #"{"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}"#,
          #"{"type": "Point", "coordinates": [138.3]}"#, #"{"type": "Circle"}"#, "[]",
        ]),
      [#"{"type": "Point", "coordinates": [138.3]}"#, #"{"type": "Circle"}"#, "[]"])
    XCTAssertEqual(
      try rejected(
        "geojson", format: "topojson", [#"{"type": "Topology", "objects": {}, "arcs": []}"#, #"{"type": "Point"}"#]),
      [#"{"type": "Point"}"#])
  }

  func testGeopoint() throws {
    XCTAssertEqual(
      try rejected("geopoint", ["138.32, 34.87", "90.50,45.50", "200, 10", "10", "a, b", "1,2,3"]),
      ["200, 10", "10", "a, b", "1,2,3"])
    XCTAssertEqual(
      try rejected("geopoint", format: "array", ["[138.3, 34.8]", "[1]", "[\"1\", \"2\"]"]), ["[1]", "[\"1\", \"2\"]"])
    XCTAssertEqual(
      try rejected(
        "geopoint", format: "object", [#"{"lon": 138.3, "lat": 34.8}"#, #"{"lon": 1}"#, #"{"lat": 95, "lon": 0}"#]),
      [#"{"lon": 1}"#, #"{"lat": 95, "lon": 0}"#])
  }

  func testDatesAndTimes() throws {
    XCTAssertEqual(
      try rejected("date", ["2024-04-01", "2024-02-29", "2023-02-29", "2024-4-1", "R6.4.1", "令和6年4月1日", "2024/04/01"]),
      ["2023-02-29", "2024-4-1", "R6.4.1", "令和6年4月1日", "2024/04/01"])
    XCTAssertEqual(
      try rejected("date", format: "%d/%m/%Y", ["01/04/2024", "1/4/2024", "2024-04-01", "31/04/2024"]),
      [
        "2024-04-01", "31/04/2024",
      ])
    XCTAssertEqual(
      try rejected("date", format: "%Y年%m月%d日", ["2024年4月1日", "2024年04月01日", "2024-04-01"]), ["2024-04-01"])
    XCTAssertEqual(
      try rejected("date", format: "any", ["2024-04-01", "2024/4/1", "April 1, 2024", "2024年4月1日", "soon"]), ["soon"])
    XCTAssertEqual(
      try rejected("time", ["09:30:00", "23:59:59.5", "09:30:00+09:00", "09:30", "24:00:00", "9:30:00"]),
      ["09:30", "24:00:00", "9:30:00"])
    XCTAssertEqual(try rejected("time", format: "%H:%M", ["09:30", "9:30", "25:00"]), ["25:00"])
    XCTAssertEqual(
      try rejected(
        "datetime",
        [
          "2024-01-26T15:00:00", "2024-01-26T15:00:00.300-05:00", "2024-01-26T15:00:00Z", "2024-01-26 15:00:00",
          "2024-01-26",
        ]),
      ["2024-01-26 15:00:00", "2024-01-26"])
    XCTAssertEqual(
      try rejected("datetime", format: "%d/%m/%Y %H:%M:%S", ["12/11/2018 09:15:32", "12/11/2018"]), ["12/11/2018"])
    XCTAssertEqual(try rejected("datetime", format: "any", ["2024-01-26 15:00", "2024/1/26 3:00 PM", "x"]), ["x"])
  }

  func testYearYearmonthDuration() throws {
    XCTAssertEqual(try rejected("year", ["2024", "0999", "-0044", "12024", "24", "2024-01"]), ["24", "2024-01"])
    XCTAssertEqual(try rejected("yearmonth", ["2024-04", "2024-13", "2024-4", "2024"]), ["2024-13", "2024-4", "2024"])
    XCTAssertEqual(
      try rejected("duration", ["P1Y2M3DT4H5M6S", "PT30M", "P0D", "-P1D", "PT1.5S", "P", "PT", "P1W", "1D", "P1.5D"]),
      ["P", "PT", "P1W", "1D", "P1.5D"])
  }

  func testListAndAny() throws {
    XCTAssertEqual(try rejected("list", extra: #""itemType": "integer""#, ["1,2,3", "1", "1,x"]), ["1,x"])
    XCTAssertEqual(
      try rejected(
        "list", extra: #""delimiter": ";", "itemType": "date""#, ["2024-01-01;2024-02-01", "2024-01-01,2024-02-01"]),
      [
        "2024-01-01,2024-02-01"
      ])
    XCTAssertEqual(try rejected("any", ["x", "1", "{"]), [])
  }

  func testTypeErrorMessage() throws {
    let schema = try Support.schema(json: #"{"fields": [{"name": "緯度", "type": "number"}]}"#)
    let report = Support.validate(text: "緯度\n３４．８\n", schema: schema)
    let finding = try XCTUnwrap(Support.findings(report, "type-error").first)
    XCTAssertEqual(finding.message, "\"３４．８\" in field \"緯度\" is not a number.")
    XCTAssertEqual(finding.spec?.url, "https://datapackage.org/standard/table-schema/#number")
    XCTAssertEqual(finding.location.row, 2)
    XCTAssertEqual(finding.location.field, "緯度")
    XCTAssertTrue(finding.fixHint?.contains("half-width digits") ?? false)
  }
}
