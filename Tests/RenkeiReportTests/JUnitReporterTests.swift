import RenkeiCore
import XCTest
import XMLTestSupport

@testable import RenkeiReport

final class JUnitReporterTests: XCTestCase {
  private var xsdPath: String { Resources.url("Fixtures/junit-10.xsd").path }

  func testSampleIsValidAgainstJUnitXSD() {
    XCTAssertEqual(LibXML2.validate(JUnitReporter().render(Sample.report), schemaPath: xsdPath), [])
  }

  func testEmptyReportIsValidAgainstJUnitXSD() {
    let report = Report(command: "validate", toolVersion: "0.1.0", subjects: [])
    let xml = JUnitReporter().render(report)
    XCTAssertEqual(LibXML2.validate(xml, schemaPath: xsdPath), [])
    XCTAssertTrue(xml.contains(#"<testsuites name="renkei validate" tests="0" failures="0" errors="0">"#))
  }

  /// The XSD check is not vacuous: libxml2 does reject documents the schema forbids.
  func testXSDValidationRejectsInvalidDocuments() {
    let missingName = #"<testsuites><testsuite tests="1" failures="0" errors="0"/></testsuites>"#
    XCTAssertFalse(LibXML2.validate(missingName, schemaPath: xsdPath).isEmpty)
    let unknownElement =
      #"<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><finding/></testsuite></testsuites>"#
    XCTAssertFalse(LibXML2.validate(unknownElement, schemaPath: xsdPath).isEmpty)
    XCTAssertFalse(LibXML2.validate("<testsuites>", schemaPath: xsdPath).isEmpty)
  }

  func testMapping() throws {
    let xml = JUnitReporter().render(Sample.report)
    let suites = try XCTUnwrap(LibXML2.attributeValues(in: xml, element: "testsuite", attribute: "name"))
    XCTAssertEqual(suites, Sample.report.subjects.map(\.path))
    let tests = try XCTUnwrap(LibXML2.attributeValues(in: xml, element: "testsuite", attribute: "tests"))
    let failures = try XCTUnwrap(LibXML2.attributeValues(in: xml, element: "testsuite", attribute: "failures"))
    // shops: 3 rules, 1 with errors; 施設一覧: 2 rules, 1 with errors; stream: 1 warning rule
    // + the passing "validate" case; ok: only "validate"; empty: 1 failing rule.
    XCTAssertEqual(tests, ["3", "2", "2", "1", "1"])
    XCTAssertEqual(failures, ["1", "1", "0", "0", "1"])
    let cases = try XCTUnwrap(LibXML2.attributeValues(in: xml, element: "testcase", attribute: "name"))
    XCTAssertEqual(
      cases,
      [
        "json-duplicate-key", "jp-postal-code", "json-number-precision", "csv-required-field",
        "jp-phone-number", "ngsi-ld-missing-context", "validate", "validate", "xml-no-root",
      ])
    // One failure per failing rule, carrying every finding of the rule.
    let failureTexts = try XCTUnwrap(LibXML2.textContents(in: xml, element: "failure"))
    XCTAssertEqual(failureTexts.count, 3)
    XCTAssertEqual(failureTexts[1].components(separatedBy: "[csv-required-field]").count - 1, 2)
    let messages = try XCTUnwrap(LibXML2.attributeValues(in: xml, element: "failure", attribute: "message"))
    XCTAssertTrue(messages[1].hasSuffix("(and 1 more error)"))
    // Warnings and infos pass, reported in system-out.
    XCTAssertEqual(try XCTUnwrap(LibXML2.textContents(in: xml, element: "system-out")).count, 4)
    // The spec clause of each rule is a property of its file's suite.
    let properties = try XCTUnwrap(LibXML2.attributeValues(in: xml, element: "property", attribute: "name"))
    XCTAssertTrue(properties.contains("spec.json-duplicate-key"))
    let values = try XCTUnwrap(LibXML2.attributeValues(in: xml, element: "property", attribute: "value"))
    XCTAssertTrue(values.contains("RFC 8259 §4 <https://www.rfc-editor.org/rfc/rfc8259#section-4>"))
  }

  /// Every character that XML 1.0 forbids or markup reserves, in every place data reaches the
  /// output: the document stays valid and values read back as sanitised.
  func testHostileTextIsEscapedAndStaysValid() throws {
    var controls = ""
    for value in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
    let hostile = "<&\"'>]]>\(controls)\u{7F}\u{85}\u{FFFE}\u{FFFF}😀"
    let report = Report(
      command: "validate", toolVersion: "0.1.0",
      subjects: [
        Report.Subject(
          path: "dir/\(hostile).csv", format: "csv\(hostile)", itemCount: 1,
          findings: [
            Finding(
              ruleID: "rule\(hostile)", severity: .error, message: "message \(hostile)",
              fixHint: "fix \(hostile)", location: SourceLocation(row: 2, field: hostile),
              spec: SpecReference(document: "Doc \(hostile)", clause: "1", url: "https://example.org/?a=1&b=<2>")),
            Finding(
              ruleID: "other", severity: .warning, message: "warning \(hostile)",
              location: SourceLocation(line: 1)),
          ])
      ])
    let xml = JUnitReporter().render(report)
    XCTAssertEqual(LibXML2.validate(xml, schemaPath: xsdPath), [])

    // XML 1.0 keeps tab, line feed and carriage return (written as references in attributes so
    // normalisation leaves them); other C0 controls become control pictures, the noncharacters
    // U+FFFD; DEL and C1 are legal and kept.
    var expected = "<&\"'>]]>"
    for value in UInt32(0)..<0x20 {
      expected.unicodeScalars.append(
        [0x09, 0x0A, 0x0D].contains(value) ? Unicode.Scalar(value)! : Unicode.Scalar(0x2400 + value)!)
    }
    expected += "\u{7F}\u{85}\u{FFFD}\u{FFFD}😀"
    let suiteNames = try XCTUnwrap(LibXML2.attributeValues(in: xml, element: "testsuite", attribute: "name"))
    XCTAssertEqual(suiteNames, ["dir/\(expected).csv"])
    let caseNames = try XCTUnwrap(LibXML2.attributeValues(in: xml, element: "testcase", attribute: "name"))
    XCTAssertEqual(caseNames, ["rule\(expected)", "other"])
    let messages = try XCTUnwrap(LibXML2.attributeValues(in: xml, element: "failure", attribute: "message"))
    XCTAssertEqual(messages, ["dir/\(expected).csv: message \(expected)"])
    let properties = try XCTUnwrap(LibXML2.attributeValues(in: xml, element: "property", attribute: "value"))
    XCTAssertEqual(properties[0], "csv\(expected)")
    XCTAssertTrue(properties.contains("Doc \(expected) §1 <https://example.org/?a=1&b=<2>>"))
  }

  func testXMLEscaping() {
    XCTAssertEqual(XMLEscaping.text("a<b>&c\"d'\n\t\r"), "a&lt;b&gt;&amp;c\"d'\n\t&#13;")
    XCTAssertEqual(XMLEscaping.attribute("a<b>&c\"d'\n\t\r"), "a&lt;b&gt;&amp;c&quot;d'&#10;&#9;&#13;")
    XCTAssertEqual(XMLEscaping.text("]]>"), "]]&gt;")
    XCTAssertEqual(XMLEscaping.text("\u{0}\u{1B}\u{FFFE}東京"), "␀␛\u{FFFD}東京")
  }
}
