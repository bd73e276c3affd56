import RenkeiConformance
import RenkeiCore
import RenkeiHTTP
import XCTest

/// Each expectation kind fires on a wrong answer and stays silent on a right one.
final class ExpectationTests: XCTestCase {
  func testStatus() {
    XCTAssertNil(StatusExpectation([201]).check(Support.response(201)))
    XCTAssertNil(StatusExpectation([200, 204]).check(Support.response(204)))
    let failure = StatusExpectation([201]).check(Support.response(400, #"{"type":"x"}"#))
    XCTAssertEqual(failure?.check, "status")
    XCTAssertEqual(failure?.expected, "201")
    XCTAssertTrue(failure?.actual.hasPrefix("400") == true)
  }

  func testHeaders() {
    let response = Support.response(201, headers: [("Location", "/api/e/1"), ("Content-Type", "application/json")])
    XCTAssertNil(HeaderExpectation(name: "location", kind: .equals("/api/e/1")).check(response))
    XCTAssertNotNil(HeaderExpectation(name: "Location", kind: .equals("/api/e/2")).check(response))
    XCTAssertNil(HeaderExpectation(name: "Location", kind: .present).check(response))
    XCTAssertNotNil(HeaderExpectation(name: "Link", kind: .present).check(response))
    XCTAssertNil(HeaderExpectation(name: "Link", kind: .absent).check(response))
    XCTAssertEqual(HeaderExpectation(name: "Location", kind: .absent).check(response)?.check, "header:Location:absent")
    XCTAssertNil(HeaderExpectation(name: "Content-Type", kind: .regex("^application/(ld\\+)?json")).check(response))
    XCTAssertNotNil(HeaderExpectation(name: "Content-Type", kind: .regex("^text/")).check(response))
    XCTAssertNil(HeaderExpectation(name: "Location", kind: .contains("/e/")).check(response))
    XCTAssertNotNil(HeaderExpectation(name: "Location", kind: .contains("/x/")).check(response))
  }

  func testSubset() {
    let response = Support.response(200, #"[{"id":"a","n":{"value":1.0}},{"id":"b","n":{"value":2}}]"#)
    XCTAssertNil(BodySubsetExpectation(Support.json(#"[{"id":"b"},{"id":"a","n":{"value":1}}]"#)).check(response))
    let failure = BodySubsetExpectation(Support.json(#"[{"id":"c"}]"#)).check(response)
    XCTAssertEqual(failure?.check, "body:subset")
    XCTAssertNotNil(
      BodySubsetExpectation(Support.json(#"[{"id":"a"},{"id":"a"}]"#)).check(response), "each element matches once")
    XCTAssertNotNil(BodySubsetExpectation(Support.json(#"{"id":"a"}"#)).check(Support.response(200, "not json")))
  }

  func testExact() {
    let response = Support.response(200, #"{"id":"a","createdAt":"2020","v":[1,2]}"#)
    XCTAssertNil(BodyExactExpectation(Support.json(#"{"v":[1,2],"id":"a"}"#), ignore: ["createdAt"]).check(response))
    XCTAssertNotNil(BodyExactExpectation(Support.json(#"{"v":[1,2],"id":"a"}"#)).check(response), "extra member")
    XCTAssertNotNil(BodyExactExpectation(Support.json(#"{"v":[2,1],"id":"a"}"#), ignore: ["createdAt"]).check(response))
    XCTAssertNil(
      BodyExactExpectation(Support.json(#"{"v":[2,1],"id":"a"}"#), ignore: ["createdAt"], unordered: true).check(
        response))
  }

  func testSchema() {
    let schema = Support.json(#"{"type":"object","required":["id"]}"#)
    XCTAssertNil(BodySchemaExpectation(schema).check(Support.response(200, #"{"id":1}"#)))
    XCTAssertEqual(BodySchemaExpectation(schema).check(Support.response(200, "[]"))?.check, "body:schema")
  }

  func testProblem() {
    let problem = #"{"type":"https://uri.etsi.org/ngsi-ld/errors/BadRequestData","title":"x"}"#
    XCTAssertNil(ProblemExpectation("BadRequestData").check(Support.response(400, problem)))
    XCTAssertNotNil(ProblemExpectation("InvalidRequest").check(Support.response(400, problem)))
    XCTAssertNotNil(ProblemExpectation("BadRequestData").check(Support.response(400, "")))
  }

  func testEmptyJSONCountAndPointers() {
    XCTAssertNil(EmptyBodyExpectation(true).check(Support.response(204)))
    XCTAssertNotNil(EmptyBodyExpectation(true).check(Support.response(200, "{}")))
    XCTAssertNil(JSONBodyExpectation().check(Support.response(200, "[]")))
    XCTAssertNotNil(JSONBodyExpectation().check(Support.response(200, "<html>")))
    XCTAssertNil(BodyCountExpectation(2).check(Support.response(200, "[1,2]")))
    XCTAssertNotNil(BodyCountExpectation(1).check(Support.response(200, "[1,2]")))
    XCTAssertNil(PointerExpectation("/a/b", present: true).check(Support.response(200, #"{"a":{"b":null}}"#)))
    XCTAssertNotNil(PointerExpectation("/a/c", present: true).check(Support.response(200, #"{"a":{"b":null}}"#)))
    XCTAssertNil(PointerExpectation("/a/c", present: false).check(Support.response(200, #"{"a":{"b":null}}"#)))
    XCTAssertEqual(
      PointerExpectation("/a", present: false).check(Support.response(200, #"{"a":1}"#))?.check, "body:absent:/a")
  }

  func testExpectationSetFromYAMLShape() throws {
    let set = try ExpectationSet(
      Support.json(
        #"{"status":201,"headers":{"Location":"/x","Link":{"absent":true}},"body":{"empty":true}}"#))
    XCTAssertEqual(
      set.expectations.map(\.id), ["status", "header:Location:equals", "header:Link:absent", "body:empty"])
    XCTAssertTrue(set.check(Support.response(201, headers: [("Location", "/x")])).isEmpty)
    XCTAssertEqual(
      set.check(Support.response(200, "x")).map(\.check), ["status", "header:Location:equals", "body:empty"])
  }

  /// Every mutation the self-check derives breaks the check it came from.
  func testMutationsBreakTheirChecks() throws {
    let answer = HTTPResponseMessage(
      status: 201, headers: HTTPHeaderFields([("Location", "/x")]), text: #"{"id":"a","n":{"value":1},"l":[true]}"#)
    let set = try ExpectationSet(
      Support.json(
        #"{"status":201,"headers":{"Location":"/x","Link":{"absent":true}},"body":{"subset":{"id":"a","n":{"value":1},"l":[true]},"present":["/id"]}}"#
      ))
    XCTAssertTrue(set.check(ObservedResponse(answer)).isEmpty)
    let mutations = set.mutations(of: ObservedResponse(answer))
    XCTAssertGreaterThanOrEqual(mutations.count, 6)
    for mutation in mutations {
      XCTAssertFalse(set.check(ObservedResponse(mutation.apply(to: answer))).isEmpty, "\(mutation) went unnoticed")
    }
  }
}
