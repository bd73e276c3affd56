import RenkeiCore
import XCTest

final class JSONTreeTests: XCTestCase {
  func testRoundTripKeepsOrderLexemesAndEscapes() throws {
    let text = #"{"b":1.0,"a":[true,null,"x\"y\n\u0001"],"c":{"d":12345678901234567890}}"#
    let tree = try JSONTree.parse(text)
    XCTAssertEqual(tree.keys, ["b", "a", "c"])
    XCTAssertEqual(tree["b"], .number("1.0"))
    XCTAssertEqual(tree.description, #"{"b":1.0,"a":[true,null,"x\"y\n\u0001"],"c":{"d":12345678901234567890}}"#)
    XCTAssertEqual(try JSONTree.parse(tree.description), tree)
  }

  func testEditingAndEquality() throws {
    var tree = try JSONTree.parse(#"{"a":1,"b":2}"#)
    tree["a"] = nil
    tree["c"] = .string("new")
    tree["b"] = .number("2.0")
    XCTAssertEqual(tree.description, #"{"b":2.0,"c":"new"}"#)
    // Member order does not matter for equality; numbers compare by value.
    XCTAssertEqual(tree, try JSONTree.parse(#"{"c":"new","b":2}"#))
    XCTAssertNotEqual(tree, try JSONTree.parse(#"{"c":"new"}"#))
  }

  func testDuplicateKeysKeepTheLastAndDepthIsLimited() throws {
    XCTAssertEqual(try JSONTree.parse(#"{"a":1,"a":2}"#)["a"], .number("2"))
    XCTAssertThrowsError(try JSONTree.parse(String(repeating: "[", count: 100), maxDepth: 64))
  }
}
