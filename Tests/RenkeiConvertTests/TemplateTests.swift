import XCTest

@testable import RenkeiConvert

final class TemplateTests: XCTestCase {
  func testPlaceholdersAndLiterals() throws {
    let template = try Template("urn:ngsi-ld:AED:{都道府県コード又は市区町村コード}:{NO}")
    XCTAssertEqual(template.columns, ["都道府県コード又は市区町村コード", "NO"])
    XCTAssertEqual(template.parts.first, .literal("urn:ngsi-ld:AED:"))
  }

  func testBracesEscapedAndUnclosed() throws {
    XCTAssertEqual(try Template("a{{b}}").parts, [.literal("a{b}")])
    XCTAssertThrowsError(try Template("urn:{NO"))
    XCTAssertThrowsError(try Template("urn:{}"))
  }
}
