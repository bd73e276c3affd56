import RenkeiConformance
import RenkeiCore
import XCTest

final class TemplateExpanderTests: XCTestCase {
  func testExpandsNestedVariables() throws {
    let expander = TemplateExpander(["uid": "r1-3", "entityId": "urn:x:{{uid}}", "link": "<{{entityId}}>"])
    XCTAssertEqual(try expander.expand("GET /e/{{entityId}} {{ link }}"), "GET /e/urn:x:r1-3 <urn:x:r1-3>")
  }

  func testUnknownVariableIsAnError() {
    XCTAssertThrowsError(try TemplateExpander([:]).expand("{{missing}}")) { error in
      XCTAssertEqual(error as? TemplateExpander.UnknownVariable, TemplateExpander.UnknownVariable(name: "missing"))
    }
  }

  func testCycleIsAnErrorNotALoop() {
    XCTAssertThrowsError(try TemplateExpander(["a": "{{b}}", "b": "{{a}}"]).expand("{{a}}"))
  }

  func testLoneBracesStayLiteral() throws {
    let expander = TemplateExpander(["open": "{{", "close": "}}"])
    XCTAssertEqual(try expander.expand("a{{open}}b{{close}}"), "a{{b}}")
    XCTAssertEqual(try expander.expand("no close {{ here"), "no close {{ here")
  }

  func testStructuredVariablesReplaceWholeStrings() throws {
    var expander = TemplateExpander(["uid": "7"])
    expander.set("body", tree: Support.json(#"{"id": "urn:{{uid}}", "n": 1}"#))
    let tree = try expander.expand(Support.json(#"{"whole": "{{body}}", "inside": "x{{body}}", "{{uid}}": true}"#))
    XCTAssertEqual(tree["whole"], Support.json(#"{"id": "urn:7", "n": 1}"#))
    XCTAssertEqual(tree["inside"], .string(#"x{"id":"urn:7","n":1}"#))
    XCTAssertEqual(tree["7"], .bool(true))
  }
}
