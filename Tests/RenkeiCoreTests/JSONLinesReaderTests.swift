import Foundation
import XCTest

@testable import RenkeiCore

final class JSONLinesReaderTests: XCTestCase {
  func write(_ text: String) throws -> String {
    let path = NSTemporaryDirectory() + "renkei-\(UUID().uuidString).jsonl"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  func collect(_ path: String, chunkSize: Int) throws -> [(Int, String)] {
    var out: [(Int, String)] = []
    try JSONLinesReader(chunkSize: chunkSize).forEachChunk(inFileAt: path) { chunk in
      for line in chunk.lines {
        out.append((line.number, String(decoding: chunk.bytes[line.start..<line.end], as: UTF8.self)))
      }
    }
    return out
  }

  func testLinesSurviveChunkBoundaries() throws {
    let lines = (1...50).map { "{\"n\": \($0), \"pad\": \"\(String(repeating: "x", count: $0))\"}" }
    let path = try write(lines.joined(separator: "\n") + "\n")
    for chunkSize in [7, 64, 1000, 1 << 20] {
      let got = try collect(path, chunkSize: chunkSize)
      XCTAssertEqual(got.map(\.0), Array(1...50), "chunk \(chunkSize)")
      XCTAssertEqual(got.map(\.1), lines, "chunk \(chunkSize)")
    }
  }

  func testCRLFAndMissingFinalBreakAndBlankLines() throws {
    let path = try write("{\"a\":1}\r\n\r\n[2]")
    let got = try collect(path, chunkSize: 3)
    XCTAssertEqual(got.map(\.0), [1, 2, 3])
    XCTAssertEqual(got.map(\.1), ["{\"a\":1}", "", "[2]"])
  }

  func testLineLimitAndMissingFile() throws {
    let path = try write(String(repeating: "x", count: 100))
    XCTAssertThrowsError(
      try JSONLinesReader(chunkSize: 16, maxLineLength: 50).forEachChunk(inFileAt: path) { _ in })
    XCTAssertThrowsError(try JSONLinesReader().forEachChunk(inFileAt: "/nonexistent/x.jsonl") { _ in })
  }
}
