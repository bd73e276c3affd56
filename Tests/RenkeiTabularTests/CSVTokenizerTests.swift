import XCTest

@testable import RenkeiTabular

final class CSVTokenizerTests: XCTestCase {
  /// Tokenizes `text` as a whole file and returns the records' decoded fields.
  func records(
    _ text: String, delimiter: Character = ",", dialect: CSVDialect = CSVDialect(), isFinal: Bool = true
  ) -> (rows: [[String]], batch: RecordBatch) {
    let bytes = Array(text.utf8)
    let tokenizer = CSVTokenizer(dialect: dialect, delimiter: delimiter.asciiValue!)
    let batch = bytes.withUnsafeBufferPointer { tokenizer.tokenize($0, from: 0, to: $0.count, isFinal: isFinal) }
    let decoder = FieldDecoder(dialect: dialect)
    let rows = bytes.withUnsafeBufferPointer { buffer in
      (0..<batch.count).map { record in
        batch.fields(ofRecord: record).map { field in
          decoder.string(buffer, batch: batch, field: field)
        }
      }
    }
    return (rows, batch)
  }

  func testRFC4180Basics() {
    let (rows, batch) = records("a,b,c\r\n1,\"x,y\",\"he said \"\"hi\"\"\"\r\n")
    XCTAssertEqual(rows, [["a", "b", "c"], ["1", "x,y", "he said \"hi\""]])
    XCTAssertEqual(batch.recordTerminators.elements, [.carriageReturnLineFeed, .carriageReturnLineFeed])
    XCTAssertEqual(batch.consumed, Array("a,b,c\r\n1,\"x,y\",\"he said \"\"hi\"\"\"\r\n".utf8).count)
    XCTAssertTrue(batch.issues.isEmpty)
  }

  func testLineEndingsAndLastRecordWithoutBreak() {
    let (rows, batch) = records("a\nb\rc\r\nd")
    XCTAssertEqual(rows, [["a"], ["b"], ["c"], ["d"]])
    XCTAssertEqual(batch.recordTerminators.elements, [.lineFeed, .carriageReturn, .carriageReturnLineFeed, .none])
    XCTAssertEqual(batch.recordLines.elements, [0, 1, 2, 3])
  }

  func testEmbeddedNewlinesCountLines() {
    let (rows, batch) = records("id,note\n1,\"two\nlines\"\n2,x\n")
    XCTAssertEqual(rows, [["id", "note"], ["1", "two\nlines"], ["2", "x"]])
    XCTAssertEqual(batch.recordLines.elements, [0, 1, 3])
    XCTAssertEqual(batch.linesConsumed, 4)
  }

  func testEmptyLineHasNoFieldsAndTrailingDelimiterAddsAnEmptyField() {
    let (rows, _) = records("a,b\n\n,\nx,\n")
    XCTAssertEqual(rows, [["a", "b"], [], ["", ""], ["x", ""]])
  }

  func testStrayQuoteIsTextAndNoted() {
    let (rows, batch) = records("a,5\" screen,c\n")
    XCTAssertEqual(rows, [["a", "5\" screen", "c"]])
    XCTAssertEqual(batch.issues.map(\.kind), [.strayQuote])
  }

  func testTextAfterClosingQuoteIsKept() {
    let (rows, batch) = records("\"abc\"def,g\n")
    XCTAssertEqual(rows, [["abcdef", "g"]])
    XCTAssertEqual(batch.issues.map(\.kind), [.textAfterClosingQuote])
  }

  func testUnclosedQuoteDoesNotSwallowTheFile() {
    let (rows, batch) = records("a,\"b\nc,d\ne,f\n")
    XCTAssertEqual(rows, [["a", "\"b"], ["c", "d"], ["e", "f"]])
    XCTAssertEqual(batch.issues.map(\.kind), [.unclosedQuote])
    XCTAssertEqual(batch.issues.first?.offset, 2)
  }

  func testIncompleteRecordIsLeftForTheNextBlock() {
    let text = "a,b\n1,\"open\nstill"
    let (rows, batch) = records(text, isFinal: false)
    XCTAssertEqual(rows, [["a", "b"]])
    XCTAssertEqual(batch.consumed, 4)
    XCTAssertEqual(batch.linesConsumed, 1)
    // A CR at the very end may be half of a CRLF.
    let (crRows, crBatch) = records("a\r", isFinal: false)
    XCTAssertEqual(crRows, [])
    XCTAssertEqual(crBatch.consumed, 0)
  }

  func testOtherDelimitersAndEscapes() {
    XCTAssertEqual(records("a;b\n1;2\n", delimiter: ";").rows, [["a", "b"], ["1", "2"]])
    XCTAssertEqual(records("a\tb\n", delimiter: "\t").rows, [["a", "b"]])
    let escaped = CSVDialect(escapeChar: UInt8(ascii: "\\"))
    XCTAssertEqual(records("a\\,b,c\n", dialect: escaped).rows, [["a,b", "c"]])
    let spaced = CSVDialect(skipInitialSpace: true)
    XCTAssertEqual(records("a, b,  \"c\"\n", dialect: spaced).rows, [["a", "b", "c"]])
  }

  func testFuzzNeverCrashesAndConsumesEverything() {
    var generator = SystemRandomNumberGenerator()
    let alphabet: [UInt8] = Array("ab,\"\r\n ;\t".utf8) + [0xE3, 0x81, 0x82, 0xFF]
    for _ in 0..<2000 {
      let length = Int.random(in: 0..<80, using: &generator)
      let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
      let tokenizer = CSVTokenizer(dialect: CSVDialect(), delimiter: UInt8(ascii: ","))
      let batch = bytes.withUnsafeBufferPointer { tokenizer.tokenize($0, from: 0, to: $0.count, isFinal: true) }
      XCTAssertEqual(batch.consumed, bytes.count, "\(bytes)")
      // Every byte belongs to a record: records are contiguous.
      for record in 0..<batch.count where record > 0 {
        XCTAssertGreaterThan(batch.recordStarts[record], batch.recordStarts[record - 1])
      }
    }
  }
}
