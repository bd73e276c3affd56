import Foundation
import RenkeiCore
import XCTest

@testable import RenkeiTabular

/// Encoding detection, decoding (with the vendor characters Japanese files use), invalid bytes.
final class EncodingTests: XCTestCase {
  typealias Support = TabularTestSupport

  /// Text with NEC special characters, NEC-selected and IBM extensions, and common kanji/kana.
  let japanese = "名称,備考\n①会議室,№12 ㈱焼津 ㍻元年\n纊褜鍈銈,ｶﾀｶﾅ ～ －\n"

  func encode(_ text: String, _ encoding: String) -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
    process.arguments = ["-f", "UTF-8", "-t", encoding]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try! process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try! input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(data)
  }

  func validate(_ bytes: [UInt8], encoding: TextEncoding? = nil, blockSize: Int = 8 << 20) -> TableReport {
    TableValidator(options: .init(encoding: encoding, blockSize: blockSize)).validate(bytes: bytes, file: "t.csv")
  }

  func testShiftJISWithVendorCharactersRoundTrips() {
    let bytes = encode(japanese, "CP932")
    // Shift_JIS bytes are not UTF-8.
    XCTAssertNotEqual(bytes, Array(japanese.utf8))
    let report = validate(bytes)
    XCTAssertEqual(report.encoding?.encoding, .shiftJIS)
    XCTAssertGreaterThanOrEqual(report.encoding?.confidence ?? 0, 0.9)
    XCTAssertEqual(report.labels, ["名称", "備考"])
    XCTAssertEqual(Support.findings(report, "encoding-error").count, 0)
    XCTAssertEqual(report.rowCount, 2)
    // The vendor characters come back as the same Unicode characters.
    let decoded = decodedCells(bytes, encoding: .shiftJIS)
    XCTAssertEqual(decoded, [["名称", "備考"], ["①会議室", "№12 ㈱焼津 ㍻元年"], ["纊褜鍈銈", "ｶﾀｶﾅ ～ －"]])
  }

  func testEUCJP() {
    let bytes = encode(japanese, "EUC-JP-MS")
    let report = validate(bytes)
    XCTAssertEqual(report.encoding?.encoding, .eucJP)
    XCTAssertEqual(report.labels, ["名称", "備考"])
    XCTAssertEqual(Support.findings(report, "encoding-error").count, 0)
    XCTAssertEqual(decodedCells(bytes, encoding: .eucJP)[1], ["①会議室", "№12 ㈱焼津 ㍻元年"])
  }

  func testUTF16WithByteOrderMarks() {
    for (name, encoding) in [("UTF-16LE", TextEncoding.utf16LE), ("UTF-16BE", .utf16BE)] {
      let bytes = encoding.byteOrderMark + encode(japanese, name)
      let report = validate(bytes)
      XCTAssertEqual(report.encoding?.encoding, encoding, name)
      XCTAssertEqual(report.encoding?.byteOrderMark, true)
      XCTAssertEqual(report.encoding?.confidence, 1)
      XCTAssertEqual(report.labels, ["名称", "備考"], name)
      XCTAssertEqual(report.rowCount, 2)
      XCTAssertEqual(Support.flatten(report), [], name)
    }
  }

  func testUTF16WithoutByteOrderMarkIsRecognised() {
    let report = validate(encode("id,name\n1,apple\n2,plum\n", "UTF-16LE"))
    XCTAssertEqual(report.encoding?.encoding, .utf16LE)
    XCTAssertEqual(report.labels, ["id", "name"])
  }

  func testUTF8WithAndWithoutByteOrderMark() {
    let plain = validate(Array(japanese.utf8))
    XCTAssertEqual(plain.encoding?.encoding, .utf8)
    XCTAssertEqual(plain.encoding?.byteOrderMark, false)
    XCTAssertEqual(plain.encoding?.confidence, 0.99)
    let marked = validate([0xEF, 0xBB, 0xBF] + Array(japanese.utf8))
    XCTAssertEqual(marked.encoding?.byteOrderMark, true)
    XCTAssertEqual(marked.labels, ["名称", "備考"], "the mark is not part of the first label")
    let ascii = validate(Array("a,b\n1,2\n".utf8))
    XCTAssertEqual(ascii.encoding?.encoding, .utf8)
    XCTAssertEqual(ascii.encoding?.confidence, 0.9)
    XCTAssertTrue(ascii.encoding?.evidence.contains("only ASCII") ?? false)
  }

  func testWindows1252WhenNeitherUTF8NorJapanese() {
    let bytes = Array("name,city\nJosé,Montréal\n".utf8).map { $0 }  // start from UTF-8 ...
    let latin = encode(String(decoding: bytes, as: UTF8.self), "CP1252")
    let report = validate(latin)
    XCTAssertEqual(report.encoding?.encoding, .windows1252)
    XCTAssertEqual(decodedCells(latin, encoding: .windows1252)[1], ["José", "Montréal"])
  }

  func testEncodingOverride() {
    let bytes = encode(japanese, "CP932")
    let report = validate(bytes, encoding: .shiftJIS)
    XCTAssertEqual(report.encoding?.confidence, 1)
    XCTAssertEqual(report.encoding?.evidence, "named with --encoding")
    // Naming the wrong encoding turns every undecodable sequence into a finding, with its row.
    let wrong = validate(bytes, encoding: .utf8)
    let errors = Support.findings(wrong, "encoding-error")
    XCTAssertFalse(errors.isEmpty)
    XCTAssertEqual(errors.first?.location.row, 1)
    XCTAssertEqual(errors.first?.location.line, 1)
  }

  func testInvalidBytesInShiftJISAreLocated() {
    // 0x85 0x40 is an undefined CP932 code; the comma after a broken lead byte survives.
    var bytes = encode("id,name\n1,会議室\n2,", "CP932")
    bytes += [0x85, 0x40]
    bytes += encode("会館\n3,ホール\n", "CP932")
    let report = validate(bytes, encoding: .shiftJIS)
    let errors = Support.findings(report, "encoding-error")
    XCTAssertEqual(errors.count, 1)
    XCTAssertEqual(errors.first?.location.row, 3)
    XCTAssertEqual(errors.first?.location.line, 3)
    XCTAssertEqual(errors.first?.location.column, 3)
    XCTAssertEqual(errors.first?.arguments["bytes"], "0x85 0x40")
    XCTAssertEqual(errors.first?.location.field, "name")
    XCTAssertEqual(report.rowCount, 3)
    XCTAssertEqual(Support.flatten(report).map(\.type), ["encoding-error"])
  }

  func testInvalidUTF8LateInTheFileIsLocated() {
    // Valid UTF-8 for the detection sample, then a Shift_JIS byte pair far beyond it.
    var text = "id,name\n"
    for index in 1...2000 { text += "\(index),名前\(index)\n" }
    var bytes = Array(text.utf8)
    bytes += Array("2001,".utf8) + [0x82, 0xA0] + Array("\n2002,x\n".utf8)
    let report = validate(bytes, blockSize: 4096)
    XCTAssertEqual(report.encoding?.encoding, .utf8)
    let errors = Support.findings(report, "encoding-error")
    XCTAssertEqual(errors.map(\.location.row), [2002])
    XCTAssertEqual(errors.first?.arguments["bytes"], "0x82 0xA0", "a run of bad bytes is one finding")
    XCTAssertEqual(report.rowCount, 2002)
  }

  func testTruncatedSequenceAtTheEnd() {
    let report = validate(encode("a,b\n1,会", "CP932") + [0x82], encoding: .shiftJIS)
    XCTAssertEqual(Support.findings(report, "encoding-error").count, 1)
    let utf8 = validate(Array("a,b\n1,x".utf8) + [0xE4, 0xBC], encoding: .utf8)
    XCTAssertEqual(Support.findings(utf8, "encoding-error").count, 1)
  }

  func testMostlyUTF8StaysUTF8() {
    var bytes = Array("名称,住所\n焼津市役所,焼津市本町2-16-32\n大井川庁舎,焼津市宗高900\n".utf8)
    bytes += [0x8E, 0x73] + Array(",x\n".utf8)
    let report = validate(bytes)
    XCTAssertEqual(report.encoding?.encoding, .utf8)
    XCTAssertEqual(report.encoding?.confidence, 0.7)
    XCTAssertEqual(Support.findings(report, "encoding-error").map(\.location.row), [4])
    XCTAssertEqual(Support.findings(report, "encoding-error").first?.arguments["bytes"], "0x8E")
  }

  func testUTF8ValidatorAgreesWithTheStandardLibrary() {
    var generator = SystemRandomNumberGenerator()
    let pieces: [[UInt8]] = [
      [0x41], [0xC3, 0xA9], [0xE3, 0x81, 0x82], [0xF0, 0x9F, 0x98, 0x80], [0xED, 0xA0, 0x80], [0xC0, 0x80],
      [0xE0, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFF], [0xE3, 0x81], [0x0A],
    ]
    for _ in 0..<3000 {
      let bytes = (0..<Int.random(in: 0..<12, using: &generator)).flatMap { _ in
        pieces.randomElement(using: &generator)!
      }
      let valid = bytes.withUnsafeBufferPointer { UTF8Validator.isValid($0) }
      XCTAssertEqual(valid, String(validating: bytes, as: UTF8.self) != nil, "\(bytes)")
    }
  }

  func testTextEncodingNames() {
    XCTAssertEqual(TextEncoding(name: "sjis"), .shiftJIS)
    XCTAssertEqual(TextEncoding(name: "Windows-31J"), .shiftJIS)
    XCTAssertEqual(TextEncoding(name: "utf-8-sig"), .utf8)
    XCTAssertEqual(TextEncoding(name: "EUC_JP"), .eucJP)
    XCTAssertEqual(TextEncoding(name: "latin1"), .windows1252)
    XCTAssertNil(TextEncoding(name: "klingon"))
  }

  /// The decoded cells of a whole file, read with the library's decoder and tokenizer.
  func decodedCells(_ bytes: [UInt8], encoding: TextEncoding) -> [[String]] {
    let decoder = try! StreamDecoder(
      EncodingDetection(encoding: encoding, byteOrderMark: false, confidence: 1, evidence: ""))
    var buffer: [UInt8] = []
    bytes.withUnsafeBufferPointer { decoder.decode($0, into: &buffer) }
    decoder.finish(into: &buffer)
    let tokenizer = CSVTokenizer(dialect: CSVDialect(), delimiter: UInt8(ascii: ","))
    let fields = FieldDecoder(dialect: CSVDialect())
    return buffer.withUnsafeBufferPointer { pointer in
      let batch = tokenizer.tokenize(pointer, from: 0, to: pointer.count, isFinal: true)
      return (0..<batch.count).map { record in
        batch.fields(ofRecord: record).map { fields.string(pointer, batch: batch, field: $0) }
      }
    }
  }
}
