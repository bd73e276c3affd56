import Foundation
import RenkeiCore
import RenkeiFormats
import Synchronization
import XCTest

final class XMLValidatorTests: XCTestCase {
  var temporaryDirectory = ""

  override func setUpWithError() throws {
    temporaryDirectory = NSTemporaryDirectory() + "renkei-formats-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: temporaryDirectory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(atPath: temporaryDirectory)
  }

  func fixture(_ name: String) throws -> String {
    try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/xml/\(name)", withExtension: nil)).path
  }

  func write(_ text: String, to name: String) throws -> String {
    let path = temporaryDirectory + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func check(_ text: String, schema: XSDSchema? = nil) -> XMLValidationResult {
    XMLValidator(schema: schema).validate(Array(text.utf8), file: "test.xml")
  }

  func ids(_ result: XMLValidationResult) -> [String] { result.findings.map(\.ruleID) }

  /// Every text a finding shows or keeps.
  func allText(_ findings: [Finding]) -> String {
    findings.map { "\($0.message) \($0.fixHint ?? "") \($0.arguments.values.joined(separator: " "))" }
      .joined(separator: "\n")
  }

  // MARK: - Well-formedness

  func testWellFormedDocumentsPassAndCountElements() throws {
    let inline = check("<?xml version='1.0'?>\n<a x='1'><b>text</b><c/><!-- note --></a>")
    XCTAssertEqual(inline.findings, [])
    XCTAssertEqual(inline.elementCount, 3)
    XCTAssertTrue(inline.isValid)

    let file = XMLValidator().validate(fileAt: try fixture("order-valid.xml"))
    XCTAssertEqual(file.findings, [])
    XCTAssertEqual(file.elementCount, 10)
  }

  func testNotWellFormedHasLineAndColumn() throws {
    let result = check("<a>\n  <b>é</c>\n</a>")
    XCTAssertEqual(ids(result), ["xml-not-well-formed"])
    let finding = result.findings[0]
    XCTAssertEqual(finding.severity, .error)
    // Columns count characters: "é" is one, though two bytes.
    XCTAssertEqual(finding.location, SourceLocation(file: "test.xml", line: 2, column: 11))
    XCTAssertEqual(finding.arguments["detail"], "Opening and ending tag mismatch: b line 2 and c")
    XCTAssertEqual(
      finding.message, "The document is not well-formed XML: Opening and ending tag mismatch: b line 2 and c.")
    XCTAssertFalse(result.isValid)

    let path = try fixture("not-well-formed.xml")
    let file = XMLValidator().validate(fileAt: path)
    XCTAssertEqual(ids(file), ["xml-not-well-formed"])
    XCTAssertEqual(file.findings[0].location, SourceLocation(file: path, line: 4, column: 29))
  }

  func testOnlyTheFirstFatalErrorIsReported() {
    let result = check("<?xml version='1.0' standalone='maybe'?><a/>")
    XCTAssertEqual(ids(result), ["xml-not-well-formed"])
    XCTAssertEqual(result.findings[0].arguments["detail"], "standalone accepts only 'yes' or 'no'")
  }

  func testUndeclaredEntityIsNotWellFormed() {
    XCTAssertEqual(ids(check("<a>&undefined;</a>")), ["xml-not-well-formed"])
    XCTAssertEqual(ids(check("<a>&amp;&lt;&#x41;</a>")), [])
  }

  func testInvalidCharactersAndEncoding() {
    let control = check("<a>\u{1}</a>")
    XCTAssertEqual(ids(control), ["xml-invalid-character"])
    XCTAssertEqual(control.findings[0].location.line, 1)
    XCTAssertEqual(control.findings[0].location.column, 4)

    let utf8 = XMLValidator().validate([0x3C, 0x61, 0x3E, 0xFF, 0x3C, 0x2F, 0x61, 0x3E], file: "bad.xml")
    XCTAssertEqual(ids(utf8), ["xml-invalid-character"])
    XCTAssertFalse(utf8.findings[0].message.contains("\n"))

    XCTAssertEqual(
      ids(
        XMLValidator().validate(
          Array("<?xml version='1.0' encoding='ISO-8859-1'?><a>caf".utf8) + [0xE9] + Array("</a>".utf8))),
      [])
  }

  func testNamespaceErrors() {
    let result = check("<a xmlns:p='urn:x'><q:b/></a>")
    XCTAssertEqual(ids(result), ["xml-namespace-error"])
    XCTAssertEqual(result.findings[0].location.column, 24)
    XCTAssertEqual(ids(check("<a xmlns:q='urn:x'><q:b/></a>")), [])
  }

  func testParserWarnings() {
    let result = check("<a xmlns='relative'/>")
    XCTAssertEqual(ids(result), ["xml-warning"])
    XCTAssertEqual(result.findings[0].severity, .warning)
    XCTAssertTrue(result.isValid)
    XCTAssertEqual(ids(check("<a xmlns='urn:absolute'/>")), [])
  }

  func testEmptyMissingAndDirectoryInputs() throws {
    let empty = XMLValidator().validate([], file: "empty.xml")
    XCTAssertEqual(ids(empty), ["xml-not-well-formed"])
    XCTAssertEqual(empty.findings[0].location, SourceLocation(file: "empty.xml", line: 1, column: 1))

    let emptyFile = try write("", to: "empty.xml")
    XCTAssertEqual(ids(XMLValidator().validate(fileAt: emptyFile)), ["xml-not-well-formed"])

    let missing = XMLValidator().validate(fileAt: temporaryDirectory + "/missing.xml")
    XCTAssertEqual(ids(missing), ["xml-unreadable"])
    XCTAssertEqual(missing.findings[0].arguments["detail"], "No such file or directory")

    XCTAssertEqual(ids(XMLValidator().validate(fileAt: temporaryDirectory)), ["xml-unreadable"])
  }

  // MARK: - XSD

  func testValidDocumentPassesTheSchema() throws {
    let schema = try XSDSchema(path: try fixture("order.xsd"))
    XCTAssertEqual(schema.warnings, [])
    let result = XMLValidator(schema: schema).validate(fileAt: try fixture("order-valid.xml"))
    XCTAssertEqual(result.findings, [])
    XCTAssertEqual(result.elementCount, 10)
  }

  func testInvalidDocumentReportsEachViolationWithItsLine() throws {
    let schema = try XSDSchema(path: try fixture("order.xsd"))
    let path = try fixture("order-invalid.xml")
    let result = XMLValidator(schema: schema).validate(fileAt: path)
    XCTAssertEqual(ids(result), ["xml-schema-invalid", "xml-schema-invalid"])
    XCTAssertEqual(result.findings.map(\.location.line), [6, 11])
    XCTAssertEqual(result.findings.map(\.location.file), [path, path])
    XCTAssertTrue(
      result.findings[0].message.contains("'zero' is not a valid value of the atomic type 'xs:positiveInteger'"))
    XCTAssertTrue(result.findings[1].message.contains("Expected is ( {urn:renkei:order}quantity )"))
    XCTAssertEqual(result.findings[0].spec?.document, "W3C XML Schema 1.0 Part 1: Structures (Second Edition)")
    // Validity problems do not stop reading.
    XCTAssertEqual(result.elementCount, 9)
  }

  func testSchemaViolationsInMemory() throws {
    let schema = try XSDSchema(path: try fixture("order.xsd"))
    let result = check("<order xmlns='urn:renkei:order'>\n  <customer>x</customer>\n</order>", schema: schema)
    XCTAssertEqual(ids(result), ["xml-schema-invalid", "xml-schema-invalid"])
    XCTAssertEqual(result.findings.map(\.location.line), [1, 3])
    XCTAssertTrue(result.findings[0].message.contains("attribute 'id' is required"))
  }

  func testWrongRootAndBrokenMarkupWithASchema() throws {
    let schema = try XSDSchema(path: try fixture("order.xsd"))
    let result = XMLValidator(schema: schema).validate(fileAt: try fixture("not-well-formed.xml"))
    XCTAssertEqual(ids(result), ["xml-schema-invalid", "xml-not-well-formed"])
    XCTAssertTrue(result.findings[0].message.contains("No matching global declaration"))
  }

  func testTooManyFindingsAreSummarised() throws {
    let schema = try XSDSchema(path: try fixture("order.xsd"))
    var text = "<order xmlns='urn:renkei:order' id='1'><customer>x</customer>\n"
    for _ in 0..<5 { text += "<item><sku>a</sku><quantity>-1</quantity><price>1</price></item>\n" }
    text += "</order>"
    let capped = XMLValidator(schema: schema, maxFindings: 2).validate(Array(text.utf8), file: "many.xml")
    XCTAssertEqual(ids(capped), ["xml-schema-invalid", "xml-schema-invalid", "xml-findings-truncated"])
    XCTAssertEqual(capped.findings[2].arguments, ["count": "3", "limit": "2"])
    XCTAssertEqual(capped.findings[2].severity, .info)
    XCTAssertEqual(ids(XMLValidator(schema: schema).validate(Array(text.utf8))).count, 5)
  }

  func testBrokenSchemaIsThrown() throws {
    let path = try fixture("broken.xsd")
    XCTAssertThrowsError(try XSDSchema(path: path)) { error in
      let failure = error as! XSDSchemaError
      XCTAssertEqual(failure.findings.map(\.ruleID), ["xml-xsd-unusable"])
      XCTAssertEqual(failure.findings[0].location.file, path)
      XCTAssertEqual(failure.findings[0].location.line, 3)
      XCTAssertTrue(failure.description.contains("NoSuchType"), failure.description)
    }
    XCTAssertThrowsError(try XSDSchema(path: temporaryDirectory + "/missing.xsd")) { error in
      XCTAssertTrue((error as! XSDSchemaError).findings.contains { $0.ruleID == "xml-xsd-unusable" })
    }
    let notXML = try write("<xs:schema", to: "truncated.xsd")
    XCTAssertThrowsError(try XSDSchema(path: notXML))
  }

  func testSchemaWarningsAreKept() throws {
    let path = try write(
      """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:import namespace="urn:other" schemaLocation="missing.xsd"/>
        <xs:element name="r" type="xs:string"/>
      </xs:schema>
      """, to: "warn.xsd")
    let schema = try XSDSchema(path: path)
    XCTAssertFalse(schema.warnings.isEmpty)
    XCTAssertTrue(schema.warnings.allSatisfy { $0.ruleID == "xml-xsd-warning" })
    XCTAssertTrue(schema.warnings.contains { $0.message.contains("Skipping the import") })
    XCTAssertEqual(ids(check("<r>x</r>", schema: schema)), [])
  }

  func testSchemaImportFromTheNetworkIsRefused() throws {
    let path = try write(
      """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:import namespace="urn:other" schemaLocation="http://example.invalid/other.xsd"/>
        <xs:element name="r" type="xs:string"/>
      </xs:schema>
      """, to: "network.xsd")
    XCTAssertThrowsError(try XSDSchema(path: path)) { error in
      let findings = (error as! XSDSchemaError).findings
      let refusal = findings.first { $0.ruleID == "xml-external-entity-blocked" }
      XCTAssertEqual(refusal?.arguments["url"], "http://example.invalid/other.xsd")
    }
  }

  func testOneSchemaServesManyThreads() throws {
    let schema = try XSDSchema(path: try fixture("order.xsd"))
    let valid = try fixture("order-valid.xml")
    let invalid = try fixture("order-invalid.xml")
    let validator = XMLValidator(schema: schema)
    let counts = Mutex<[Int: Int]>([:])
    DispatchQueue.concurrentPerform(iterations: 16) { index in
      let result = validator.validate(fileAt: index.isMultiple(of: 2) ? valid : invalid)
      counts.withLock { $0[index] = result.findings.count }
    }
    let all = counts.withLock { $0 }
    for index in 0..<16 { XCTAssertEqual(all[index], index.isMultiple(of: 2) ? 0 : 2, "run \(index)") }
  }

  func testLargeDocumentIsStreamedThroughTheSchema() throws {
    let schemaPath = try fixture("order.xsd")
    let path = temporaryDirectory + "/large.xml"
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
    let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
    handle.write(
      Data("<?xml version=\"1.0\"?>\n<order xmlns=\"urn:renkei:order\" id=\"7\">\n<customer>bulk</customer>\n".utf8))
    var chunk = ""
    let items = 260_000
    for index in 0..<items {
      chunk += "<item><sku>SKU-\(index)</sku><quantity>\(index % 9 + 1)</quantity><price>\(index).25</price></item>\n"
      if index % 10_000 == 9_999 {
        handle.write(Data(chunk.utf8))
        chunk = ""
      }
    }
    handle.write(Data((chunk + "</order>\n").utf8))
    try handle.close()
    let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    XCTAssertGreaterThan(size, 20_000_000)

    let result = XMLValidator(schema: try XSDSchema(path: schemaPath)).validate(fileAt: path)
    XCTAssertEqual(result.findings, [])
    XCTAssertEqual(result.elementCount, 2 + items * 4)
  }

  // MARK: - Hostile input

  func testExternalEntityToSystemFileIsNotExpanded() throws {
    let result = check(#"<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"#)
    XCTAssertEqual(ids(result), ["xml-dtd-ignored", "xml-external-entity-blocked"])
    XCTAssertEqual(result.findings[1].arguments["url"], "file:///etc/passwd")
    XCTAssertEqual(result.findings[1].severity, .warning)
    XCTAssertFalse(allText(result.findings).contains("root:"))
    XCTAssertEqual(result.elementCount, 1)
  }

  func testExternalEntityToSecretFileNeverLeaks() throws {
    let marker = "RENKEI-SECRET-\(UUID().uuidString)"
    let secret = try write(marker + "\n", to: "secret.txt")
    let schemaPath = try write(
      "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:element name='r' type='xs:string'/></xs:schema>",
      to: "r.xsd")
    let schema = try XSDSchema(path: schemaPath)
    let attacks = [
      #"<!DOCTYPE r [<!ENTITY x SYSTEM "file://\#(secret)">]><r>&x;</r>"#,
      #"<!DOCTYPE r [<!ENTITY x SYSTEM "\#(secret)">]><r>&x;</r>"#,
      #"<!DOCTYPE r [<!ENTITY x SYSTEM "\#(secret)">]><r a="&x;"/>"#,
      #"<!DOCTYPE r [<!ENTITY % p SYSTEM "\#(secret)"> %p;]><r/>"#,
      #"<!DOCTYPE r SYSTEM "\#(secret)"><r/>"#,
    ]
    for attack in attacks {
      for validator in [XMLValidator(), XMLValidator(schema: schema)] {
        let inMemory = validator.validate(Array(attack.utf8), file: "attack.xml")
        let onDisk = validator.validate(fileAt: try write(attack, to: "attack.xml"))
        for result in [inMemory, onDisk] {
          XCTAssertFalse(allText(result.findings).contains(marker), attack)
          XCTAssertFalse(result.findings.isEmpty, attack)
        }
      }
    }
    let parameter = check(#"<!DOCTYPE r [<!ENTITY % p SYSTEM "\#(secret)"> %p;]><r/>"#)
    XCTAssertEqual(ids(parameter), ["xml-dtd-ignored", "xml-external-entity-blocked"])
    XCTAssertEqual(parameter.findings[1].arguments["what"], "external parameter entity %p;")
  }

  func testBillionLaughsIsStoppedQuickly() {
    var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
    text += " <!ENTITY lol1 \"" + String(repeating: "&lol;", count: 10) + "\">\n"
    for level in 2...9 {
      text += " <!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
    }
    text += "]>\n<lolz>&lol9;</lolz>\n"
    let start = Date()
    let result = check(text)
    XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    XCTAssertEqual(ids(result), ["xml-entity-expansion-limit"])
    // One finding, at the reference in the document.
    XCTAssertEqual(result.findings.first?.location.line, 14)
    XCTAssertFalse(result.isValid)
  }

  func testInternalEntitiesStillWork() {
    let result = check("<!DOCTYPE r [<!ENTITY who 'world'>]><r>hello &who;</r>")
    XCTAssertEqual(ids(result), ["xml-dtd-ignored"])
    XCTAssertEqual(result.findings[0].severity, .info)
    XCTAssertTrue(result.isValid)
  }

  func testExternalDTDIsNotFetched() {
    let result = check(#"<!DOCTYPE r SYSTEM "http://example.invalid/evil.dtd"><r/>"#)
    XCTAssertEqual(ids(result), ["xml-dtd-ignored"])
    XCTAssertEqual(
      result.findings[0].arguments["external"], " (its external DTD http://example.invalid/evil.dtd is not loaded)")
    XCTAssertTrue(result.isValid)
    XCTAssertEqual(ids(check("<r/>")), [])
  }

  func testEntityLoaderRefusesEverythingWhileCheckingDocuments() throws {
    let local = try write("<!ENTITY x 'y'>", to: "local.dtd")
    for url in ["http://example.invalid/evil.dtd", "ftp://example.invalid/x", local, "file://" + local] {
      let request = ExternalEntityPolicy.requestThroughLoader(url, compilingSchema: false)
      XCTAssertFalse(request.loaded, url)
      XCTAssertEqual(request.findings.map(\.ruleID), ["xml-external-entity-blocked"], url)
      XCTAssertEqual(request.findings.first?.arguments["url"], url)
    }
  }

  func testEntityLoaderAllowsOnlyLocalFilesWhileCompilingSchemas() throws {
    let local = try write("<!ENTITY x 'y'>", to: "local.dtd")
    XCTAssertEqual(ExternalEntityPolicy.requestThroughLoader(local, compilingSchema: true).loaded, true)
    XCTAssertEqual(ExternalEntityPolicy.requestThroughLoader("file://" + local, compilingSchema: true).loaded, true)
    let network = ExternalEntityPolicy.requestThroughLoader("https://example.invalid/x.xsd", compilingSchema: true)
    XCTAssertFalse(network.loaded)
    XCTAssertEqual(network.findings.map(\.ruleID), ["xml-external-entity-blocked"])
    XCTAssertTrue(ExternalEntityPolicy.isLocal("schemas/a.xsd"))
    XCTAssertTrue(ExternalEntityPolicy.isLocal("C:\\schemas\\a.xsd"))
    XCTAssertTrue(ExternalEntityPolicy.isLocal("FILE:///a.xsd"))
    XCTAssertFalse(ExternalEntityPolicy.isLocal("HTTP://example.invalid/a.xsd"))
    XCTAssertFalse(ExternalEntityPolicy.isLocal("jar:file:/x!/a.xsd"))
  }

  // MARK: - Rules

  func testRulesAreWellFormed() {
    XCTAssertEqual(Set(XMLRules.all.map(\.id)).count, XMLRules.all.count)
    for rule in XMLRules.all {
      XCTAssertTrue(rule.id.hasPrefix("xml-"), rule.id)
      XCTAssertNotNil(rule.id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression), rule.id)
      XCTAssertNotNil(rule.fix, rule.id)
      XCTAssertTrue(rule.message.hasSuffix("."), rule.id)
    }
    XCTAssertNil(Set(YAMLRules.all.map(\.id)).intersection(XMLRules.all.map(\.id)).first)
  }
}
