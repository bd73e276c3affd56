import XCTest

@testable import RenkeiCore

final class JSONWriterTests: XCTestCase {
  func testCompactRoundTripIsExact() throws {
    let inputs = [
      #"{"z":1,"a":[1.0,1e0,-0,12345678901234567890123456789],"s":"\u00e9\n\ud800","t":"東京","n":null,"b":[true,false,{},[]]}"#,
      #""only a string""#, "0", "[]", "{}",
    ]
    for input in inputs {
      let value = try JSONParser().parse(input).document.root
      let written = JSONWriter().string(value)
      XCTAssertEqual(written, input)
      XCTAssertEqual(try JSONParser().parse(written).document.root, value)
    }
  }

  func testCompactDropsInsignificantWhitespace() throws {
    let value = try JSONParser().parse(" { \"a\" : [ 1 , 2 ] ,\n \"b\" : { } } ").document.root
    XCTAssertEqual(JSONWriter().string(value), #"{"a":[1,2],"b":{}}"#)
  }

  func testPrettyIsDeterministic() throws {
    let value = try JSONParser().parse(#"{"a":[1,{"b":null}],"c":{},"d":[]}"#).document.root
    let expected = """
      {
        "a": [
          1,
          {
            "b": null
          }
        ],
        "c": {},
        "d": []
      }
      """
    XCTAssertEqual(JSONWriter(style: .pretty).string(value), expected)
    XCTAssertEqual(try JSONParser().parse(expected).document.root, value)
  }

  func testWritesASubtree() throws {
    let value = try JSONParser().parse(#"{"a":{"b":[1,2]},"c":3}"#).document.root
    XCTAssertEqual(JSONWriter().string(try XCTUnwrap(value["a"])), #"{"b":[1,2]}"#)
  }

  func testDeepDocumentsWriteWithoutRecursion() throws {
    let text = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    let value = try JSONParser().parse(text).document.root
    XCTAssertEqual(JSONWriter().string(value), text)
  }

  func testBuiltDocumentsAreEscaped() throws {
    var builder = JSONBuilder()
    builder.beginObject()
    builder.key("quote\"back\\slash")
    builder.string("line\nbreak\u{1}東")
    builder.key("n")
    try builder.number("-1.5e3")
    builder.key("list")
    builder.beginArray()
    builder.bool(true)
    builder.null()
    builder.number(7)
    try builder.end()
    try builder.end()
    let document = try XCTUnwrap(builder.build())
    let text = JSONWriter().string(document.root)
    XCTAssertEqual(text, #"{"quote\"back\\slash":"line\nbreak\u0001東","n":-1.5e3,"list":[true,null,7]}"#)
    let reparsed = try JSONParser().parse(text).document.root
    XCTAssertEqual(reparsed, document.root)
    XCTAssertEqual(document.root.count, 3)
    XCTAssertEqual(document.root["list"]?.count, 3)
  }

  func testBuilderRejectsBadNumbersAndUnbalancedInput() {
    var builder = JSONBuilder()
    XCTAssertThrowsError(try builder.number("01"))
    XCTAssertThrowsError(try builder.number("NaN"))
    XCTAssertThrowsError(try builder.end())
    builder.beginArray()
    XCTAssertNil(builder.build())
  }

  func testBuilderCopiesSubtrees() throws {
    var builder = JSONBuilder()
    builder.beginArray()
    let anchor = builder.entryCount
    builder.beginObject()
    builder.key("a")
    builder.number(1)
    try builder.end()
    builder.appendCopy(ofValueAt: anchor)
    try builder.end()
    let root = try XCTUnwrap(builder.build()).root
    XCTAssertEqual(JSONWriter().string(root), #"[{"a":1},{"a":1}]"#)
    XCTAssertEqual(root[1]?["a"]?.number?.lexeme, "1")
  }
}
