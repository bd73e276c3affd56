import XCTest

@testable import RenkeiCore

/// Generated documents: the writer and parser agree, and the checker agrees with the parser.
final class JSONPropertyTests: XCTestCase {
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    mutating func string() -> String {
      let pieces = ["a", "東", "京", "\"", "\\", "\n", "\u{1}", "😀", "é", " ", "/", "key"]
      return (0..<next(6)).map { _ in pieces[next(pieces.count)] }.joined()
    }

    mutating func value(_ builder: inout JSONBuilder, depth: Int) throws {
      switch depth > 4 ? next(5) : next(7) {
      case 0: builder.null()
      case 1: builder.bool(next(2) == 0)
      case 2: try builder.number(["0", "-1", "1.0", "1e0", "12345678901234567890", "-0.5E-7"][next(6)])
      case 3, 4: builder.string(string())
      case 5:
        builder.beginArray()
        for _ in 0..<next(4) { try value(&builder, depth: depth + 1) }
        try builder.end()
      default:
        builder.beginObject()
        for k in 0..<next(4) {
          builder.key(string() + String(k))
          try value(&builder, depth: depth + 1)
        }
        try builder.end()
      }
    }
  }

  func testWriteThenParseGivesTheSameValue() throws {
    var generator = Generator(state: 7)
    for _ in 0..<500 {
      var builder = JSONBuilder()
      try generator.value(&builder, depth: 0)
      let built = try XCTUnwrap(builder.build())
      for style in [JSONWriter.Style.compact, .pretty] {
        let text = JSONWriter(style: style).bytes(built.root)
        let parsed = try JSONParser().parse(text)
        XCTAssertEqual(parsed.document.root, built.root, String(decoding: text, as: UTF8.self))
        XCTAssertTrue(parsed.issues.isEmpty)
        // Writing the parsed document again reproduces the text byte for byte.
        XCTAssertEqual(JSONWriter(style: style).bytes(parsed.document.root), text)
      }
    }
  }

  func testCheckerAgreesWithParserOnMutations() throws {
    var generator = Generator(state: 11)
    let checker = JSONChecker()
    let seeds = [
      #"{"a": [1, 2.5, "東京", {"b": null, "a": true}], "c": "\u00e9\ud83d\ude00"}"#,
      #"[{"x": 1, "x": 2}, "\ud800", -0.0e+1]"#,
    ].map { Array($0.utf8) }
    for _ in 0..<3000 {
      var bytes = seeds[generator.next(seeds.count)]
      for _ in 0..<(1 + generator.next(3)) {
        let at = generator.next(bytes.count)
        switch generator.next(3) {
        case 0: bytes[at] = UInt8(generator.next(256))
        case 1: bytes.remove(at: at)
        default:
          let inserts = Array("{}[],:\"\\ 0e-".utf8)
          bytes.insert(inserts[generator.next(inserts.count)], at: at)
        }
      }
      let parsed: JSONParseResult?
      var parseError: JSONSyntaxError?
      do { parsed = try JSONParser().parse(bytes) } catch {
        parsed = nil
        parseError = error
      }
      let verdict: JSONChecker.Verdict?
      var checkError: JSONSyntaxError?
      do {
        verdict = try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try checker.check(buffer) }
      } catch {
        verdict = nil
        checkError = error
      }
      XCTAssertEqual(parseError?.rule.id, checkError?.rule.id)
      XCTAssertEqual(parseError?.position, checkError?.position)
      if let parsed { XCTAssertEqual(verdict, parsed.issues.isEmpty ? .clean : .issues) }
    }
  }
}
