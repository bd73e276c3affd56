import Foundation
import RenkeiCore
import RenkeiTabular
import XCTest

/// Structural checks: each fires on a crafted bad file and stays silent on a good one.
final class StructureTests: XCTestCase {
  typealias Support = TabularTestSupport

  func rules(_ report: TableReport) -> [String] {
    report.findings.filter { $0.severity != .info }.map(\.ruleID)
  }

  func testCleanFileHasOnlyNotes() {
    let report = Support.validate(text: "id,name\r\n1,a\r\n2,\"b, c\"\r\n")
    XCTAssertEqual(rules(report), [])
    XCTAssertEqual(report.findings.map(\.ruleID), ["csv-encoding", "csv-dialect"])
    XCTAssertEqual(report.rowCount, 2)
    XCTAssertEqual(
      Support.findings(report, "csv-dialect").first?.message,
      "Read as comma-separated values: 2 columns, header in row 1.")
  }

  func testDelimiterDetection() {
    XCTAssertEqual(Support.validate(text: "a\tb\tc\n1\t2\t3\n").delimiter, UInt8(ascii: "\t"))
    XCTAssertEqual(Support.validate(text: "a;b;c\n1,5;2;3\n").delimiter, UInt8(ascii: ";"))
    XCTAssertEqual(Support.validate(text: "a|b\n1|2\n").delimiter, UInt8(ascii: "|"))
    XCTAssertEqual(Support.validate(text: "a,b\n\"x;y\",2\n").delimiter, UInt8(ascii: ","))
    // A single column: comma.
    XCTAssertEqual(Support.validate(text: "name\nx\n").delimiter, UInt8(ascii: ","))
    // Named delimiter wins.
    let named = Support.validate(text: "a;b\n1;2\n", dialect: CSVDialect(delimiter: UInt8(ascii: ",")))
    XCTAssertEqual(named.labels, ["a;b"])
  }

  func testMixedLineEndings() {
    let report = Support.validate(text: "id,name\r\n1,a\r\n2,b\n3,c\r\n")
    XCTAssertEqual(rules(report), ["csv-mixed-line-endings"])
    let finding = Support.findings(report, "csv-mixed-line-endings")[0]
    XCTAssertEqual(finding.location.row, 3)
    XCTAssertEqual(finding.arguments["found"], "LF")
    XCTAssertEqual(finding.arguments["expected"], "CRLF")
    // Consistent LF, CRLF or CR files are fine, and line breaks inside quoted fields do not count.
    XCTAssertEqual(rules(Support.validate(text: "a,b\n1,2\n")), [])
    XCTAssertEqual(rules(Support.validate(text: "a,b\r1,2\r3,4\r")), [])
    XCTAssertEqual(rules(Support.validate(text: "a,b\r\n1,\"x\ny\"\r\n")), [])
  }

  func testQuotingProblems() {
    let unclosed = Support.validate(text: "id,name\n1,\"abc\n2,def\n")
    XCTAssertEqual(rules(unclosed), ["csv-unclosed-quote"])
    XCTAssertEqual(unclosed.rowCount, 2, "the rows after a stray opening quote are still read")
    XCTAssertEqual(Support.findings(unclosed, "csv-unclosed-quote")[0].location.row, 2)
    XCTAssertEqual(Support.findings(unclosed, "csv-unclosed-quote")[0].location.column, 3)

    let stray = Support.validate(text: "id,name\n1,5\" screen\n")
    XCTAssertEqual(rules(stray), ["csv-stray-quote"])
    XCTAssertEqual(Support.findings(stray, "csv-stray-quote")[0].severity, .warning)

    let after = Support.validate(text: "id,name\n1,\"abc\"def\n")
    XCTAssertEqual(rules(after), ["csv-text-after-quote"])
    XCTAssertEqual(Support.findings(after, "csv-text-after-quote")[0].arguments["value"], "abcdef")

    XCTAssertEqual(rules(Support.validate(text: "id,name\n1,\"say \"\"hi\"\"\"\n")), [])
  }

  func testRaggedRowsAndBlankRows() {
    let report = Support.validate(text: "a,b,c\n1,2\n1,2,3,4\n,,\n\n1,2,3\n")
    XCTAssertEqual(
      Support.flatten(report),
      [
        Flat(2, 3, "missing-cell"), Flat(3, 4, "extra-cell"), Flat(4, nil, "blank-row"), Flat(5, nil, "blank-row"),
      ])
    let extra = Support.findings(report, "extra-cell")[0]
    XCTAssertEqual(extra.message, "Row 3 has 4 cells but the table has 3 columns: cell 4 (\"4\") is extra.")
    XCTAssertEqual(extra.location.line, 3)
    XCTAssertEqual(extra.location.column, 7)
    XCTAssertEqual(Support.findings(report, "missing-cell")[0].location.field, "c")
  }

  func testHeaderLabels() {
    XCTAssertEqual(Support.flatten(Support.validate(text: "a,,c\n1,2,3\n")), [Flat(nil, 2, "blank-label")])
    let duplicate = Support.validate(text: "a,b,a\n1,2,3\n")
    XCTAssertEqual(Support.flatten(duplicate), [Flat(nil, 3, "duplicate-label")])
    XCTAssertEqual(Support.findings(duplicate, "duplicate-label")[0].message, "Column 3 is named \"a\" like column 1.")
    XCTAssertEqual(Support.findings(duplicate, "duplicate-label")[0].location.column, 5)
    XCTAssertEqual(Support.flatten(Support.validate(text: "a,b,c\n1,2,3\n")), [])
  }

  func testTitleRowsAboveTheHeader() {
    let text = "AED設置箇所一覧,,,\n令和5年4月1日現在,,,\n,,,\n名称,住所,緯度,経度\nA,焼津市,34.8,138.3\nB,焼津市,34.9,138.4\n"
    let report = Support.validate(text: text)
    XCTAssertEqual(report.headerRows, [4])
    XCTAssertEqual(report.labels, ["名称", "住所", "緯度", "経度"])
    XCTAssertEqual(report.rowCount, 2)
    let titles = Support.findings(report, "csv-title-row")
    XCTAssertEqual(titles.map(\.location.row), [1, 2, 3])
    XCTAssertEqual(titles[0].arguments["text"], "AED設置箇所一覧")
    XCTAssertEqual(titles[2].arguments["text"], "blank")
    XCTAssertEqual(titles[0].severity, .warning)
    XCTAssertEqual(Support.flatten(report), [])
    XCTAssertEqual(Support.findings(report, "csv-dialect")[0].arguments["header"], "in row 4")
    // A header row of labels is not taken for a title, nor is a file of numbers.
    XCTAssertEqual(Support.findings(Support.validate(text: "名称,住所\nA,B\n"), "csv-title-row").count, 0)
    XCTAssertEqual(Support.validate(text: "id,,,\n1,2,3,4\n5,6,7,8\n").headerRows, [1])
    XCTAssertEqual(Support.validate(text: "x\n1,2,3\n4,5,6\n").headerRows, [1])
  }

  func testHeaderRowOverride() {
    let report = Support.validate(text: "title\nid,name\n1,a\n", dialect: CSVDialect(header: .rows([2])))
    XCTAssertEqual(report.labels, ["id", "name"])
    XCTAssertEqual(Support.findings(report, "csv-title-row").map(\.location.row), [1])
    let none = Support.validate(text: "1,a\n2,b\n", dialect: CSVDialect(header: .none))
    XCTAssertNil(none.labels)
    XCTAssertEqual(none.rowCount, 2)
    XCTAssertEqual(Support.findings(none, "csv-dialect")[0].arguments["header"], "none")
  }

  func testHeaderRowBeyondTheFile() {
    let report = Support.validate(text: "a,b\n1,2\n", dialect: CSVDialect(header: .rows([5])))
    XCTAssertEqual(Support.findings(report, "csv-header-row-missing").count, 1)
    var text = ""
    for index in 1...100 { text += index == 90 ? "id,name\n" : "note \(index),\n" }
    text += "1,x\n"
    let far = Support.validate(text: text, dialect: CSVDialect(header: .rows([90])))
    XCTAssertEqual(far.labels, ["id", "name"])
    XCTAssertEqual(far.rowCount, 11)
    XCTAssertEqual(Support.findings(far, "csv-header-row-missing").count, 0)
  }

  func testSniffingDelimitedText() {
    XCTAssertTrue(DelimitedTextSniffer.looksDelimited(Array("id,name\n1,a\n2,b\n".utf8)))
    XCTAssertTrue(DelimitedTextSniffer.looksDelimited(Array("a\tb\n1\t2\n".utf8)))
    XCTAssertTrue(DelimitedTextSniffer.looksDelimited(Array("id,name\n1,a\n2,b,c\n3,d\n".utf8)), "a ragged row")
    XCTAssertFalse(DelimitedTextSniffer.looksDelimited(Array("name: x\nlist: [a, b]\n".utf8)), "YAML")
    XCTAssertFalse(DelimitedTextSniffer.looksDelimited(Array("- a, b\n- c, d\n".utf8)), "a YAML sequence")
    XCTAssertFalse(DelimitedTextSniffer.looksDelimited(Array("just one line, with a comma".utf8)))
    XCTAssertFalse(DelimitedTextSniffer.looksDelimited(Array("prose\nwithout\ndelimiters\n".utf8)))
  }

  func testEmptyFileAndHeaderOnly() {
    XCTAssertEqual(Support.flatten(Support.validate(text: "")), [Flat(nil, nil, "source-error")])
    XCTAssertEqual(
      Support.flatten(TableValidator().validate(bytes: [0xEF, 0xBB, 0xBF])), [Flat(nil, nil, "source-error")])
    let header = Support.validate(text: "id,name\n")
    XCTAssertEqual(Support.flatten(header), [])
    XCTAssertEqual(header.rowCount, 0)
  }

  func testRowAndLineNumbersWithMultilineFields() {
    let report = Support.validate(text: "id,note,n\n1,\"two\nlines\",x\n2,ok,3,extra\n")
    let extra = Support.findings(report, "extra-cell")[0]
    XCTAssertEqual(extra.location.row, 3)
    XCTAssertEqual(extra.location.line, 4)
  }

  func testHugeFieldsAndLongRows() {
    let big = String(repeating: "あ", count: 200_000)
    let report = Support.validate(text: "id,text\n1,\"\(big)\"\n2,\(big)\n3,x\n", blockSize: 4096)
    XCTAssertEqual(Support.flatten(report), [])
    XCTAssertEqual(report.rowCount, 3)
    // A quoted field still open after the record limit is taken as an unclosed quote, and a row
    // still without a line break is cut there, so the rest of the file is read all the same.
    let options = TableValidator.Options(blockSize: 4096, maxRecordBytes: 64 << 10)
    let bytes =
      Array("id,text\n1,\"open".utf8) + Array(repeating: UInt8(ascii: "x"), count: 1_200_000) + Array("\n2,y\n".utf8)
    let cut = TableValidator(options: options).validate(bytes: bytes)
    XCTAssertEqual(
      cut.findings.filter { $0.severity != .info }.map(\.ruleID), ["csv-unclosed-quote", "csv-record-too-large"])
    XCTAssertEqual(cut.findings.first { $0.ruleID == "csv-unclosed-quote" }?.location.row, 2)
    XCTAssertEqual(cut.rowCount, 2, "the rest of the cut row is dropped with it; the next row is read")
  }

  /// Splitting blocks into parts (on any number of threads) must not change a single finding.
  func testBlocksAndPartsGiveTheSameFindings() {
    var text = "id,name,note,amount\r\n"
    var generator = SystemRandomNumberGenerator()
    for index in 1...6000 {
      switch Int.random(in: 0..<40, using: &generator) {
      case 0: text += "\(index),名前,\"複数行\r\nの備考\",1\r\n"
      case 1: text += "\(index),x\r\n"
      case 2: text += "\r\n"
      case 3: text += "\(index),\"引用\"\"符\",y,2,extra\r\n"
      case 4: text += "\(index),stray\"quote,z,3\n"
      default: text += "\(index),名前\(index),備考,\(index)\r\n"
      }
    }
    // The encoding note describes the first block, whose size varies; every other finding must not.
    func findings(_ report: TableReport) -> [Finding] { report.findings.filter { $0.ruleID != "csv-encoding" } }
    let reference = Support.validate(text: text, workers: 1)
    XCTAssertGreaterThan(findings(reference).count, 100)
    for (blockSize, workers) in [(4096, 2), (10_000, 4), (65_536, 3), (1 << 20, 2)] {
      let report = Support.validate(text: text, blockSize: blockSize, workers: workers)
      XCTAssertEqual(report.rowCount, reference.rowCount, "\(blockSize)/\(workers)")
      XCTAssertEqual(findings(report).count, findings(reference).count, "\(blockSize)/\(workers)")
      if let index = Array(zip(findings(report), findings(reference))).firstIndex(where: { $0 != $1 }) {
        XCTFail("\(blockSize)/\(workers): \(findings(report)[index]) != \(findings(reference)[index])")
      }
    }
  }

  func testFindingsOfARuleAreLimitedAndCounted() throws {
    let schema = try Support.schema(json: #"{"fields": [{"name": "n", "type": "integer"}, {"name": "m"}]}"#)
    var text = "n,m\n"
    for index in 1...1500 { text += "x\(index),\(index)\n" }
    let options = TableValidator.Options(schema: schema, blockSize: 8192, maxFindingsPerRule: 1000)
    let report = TableValidator(options: options).validate(bytes: Array(text.utf8))
    XCTAssertEqual(Support.findings(report, "type-error").count, 1000)
    XCTAssertEqual(Support.findings(report, "type-error").last?.location.row, 1001)
    let summary = try XCTUnwrap(Support.findings(report, "csv-findings-limited").first)
    XCTAssertEqual(summary.arguments["count"], "500")
    XCTAssertEqual(summary.arguments["rule"], "type-error")
    XCTAssertEqual(summary.severity, .error, "the summary has the severity of what it stands for")
    XCTAssertEqual(report.rowCount, 1500)
    let unlimited = TableValidator(options: .init(schema: schema, maxFindingsPerRule: 0)).validate(
      bytes: Array(text.utf8))
    XCTAssertEqual(Support.findings(unlimited, "type-error").count, 1500)
  }

  func testBinaryJunkIsReadQuickly() {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<400_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let start = Date()
    let report = TableValidator(options: .init(blockSize: 65_536)).validate(bytes: bytes)
    XCTAssertLessThan(Date().timeIntervalSince(start), 20)
    XCTAssertGreaterThan(report.rowCount, 0)
    let perRule = Dictionary(grouping: report.findings, by: \.ruleID).mapValues(\.count)
    XCTAssertTrue(perRule.values.allSatisfy { $0 <= 1000 }, "\(perRule)")
  }

  func testFuzzedFilesNeverCrashOrDropRows() {
    var generator = SystemRandomNumberGenerator()
    let alphabet: [[UInt8]] = [
      Array("a".utf8), Array(",".utf8), Array("\"".utf8), Array("\r".utf8), Array("\n".utf8), Array(";".utf8),
      Array("\t".utf8), Array("あ".utf8), [0x82], [0xA0], [0xFF], [0x00], Array("1".utf8),
    ]
    for round in 0..<400 {
      let bytes = (0..<Int.random(in: 0..<300, using: &generator)).flatMap { _ in
        alphabet.randomElement(using: &generator)!
      }
      let options = TableValidator.Options(
        blockSize: [4096, 64 << 10].randomElement(using: &generator)!, maxRecordBytes: 1024)
      let report = TableValidator(options: options).validate(bytes: bytes)
      if !bytes.isEmpty {
        XCTAssertNotNil(report.encoding, "round \(round)")
      }
      XCTAssertGreaterThanOrEqual(report.rowCount, 0)
    }
  }
}
