import XCTest

@testable import RenkeiSchema

final class URIReferenceTests: XCTestCase {
  /// RFC 3986 §5.4.1 normal examples.
  func testResolvesTheRFCExamples() {
    let base = URIReference("http://a/b/c/d;p?q")
    let cases: [(String, String)] = [
      ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
      ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"), ("#s", "http://a/b/c/d;p?q#s"),
      ("g#s", "http://a/b/c/g#s"), ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"),
      ("..", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../g", "http://a/g"),
      ("../../../g", "http://a/g"),
    ]
    for (reference, expected) in cases {
      XCTAssertEqual(URIReference(reference).resolved(against: base).description, expected, reference)
    }
  }

  func testURNsAndFragments() {
    let base = URIReference("urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed")
    XCTAssertEqual(
      URIReference("#/$defs/bar").resolved(against: base).description,
      "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed#/$defs/bar")
    XCTAssertEqual(URIReference("tag:example.com,2024:x#a").fragment, "a")
    XCTAssertEqual(URIReference("http://x/y#").withoutFragment.description, "http://x/y")
  }
}
