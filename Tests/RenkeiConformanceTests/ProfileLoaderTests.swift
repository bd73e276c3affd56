import RenkeiConformance
import RenkeiCore
import XCTest

final class ProfileLoaderTests: XCTestCase {
  let caseFile = """
    area: Area/Sub
    defaults:
      tags: [base]
      clauses: ["1.1"]
    vars:
      entityId: "urn:x:{{uid}}"
      body: {id: "{{entityId}}", type: T}
    cases:
      - id: one
        title: First
        etsi: 001_01
        tags: [extra]
        request: {method: GET, path: /things}
        expect: {status: 200}
      - id: group
        etsi: 002_01
        request: {method: POST, path: /things, body: "{{body}}"}
        expect: {status: 201}
        variants:
          - id: group-a
            vars: {v: a}
          - id: group-b
            etsi: Deeper/002_02
            since: "2.0"
            features: [extra]
    """

  func testLoadsCasesVariantsAndDefaults() throws {
    let profile = try Support.load(["area/cases.yaml": caseFile])
    XCTAssertEqual(profile.name, "stub")
    XCTAssertEqual(profile.basePath, "/api")
    XCTAssertEqual(profile.cases.map(\.id), ["one", "group-a", "group-b"])
    let one = profile.cases[0]
    XCTAssertEqual(one.tags, ["base", "extra"])
    XCTAssertEqual(one.clauses, ["1.1"])
    XCTAssertEqual(one.etsi, "TP/STUB/Area/Sub/001_01")
    XCTAssertEqual(one.area, "Area/Sub")
    XCTAssertEqual(one.file, "area/cases.yaml")
    XCTAssertEqual(profile.cases[1].etsi, "TP/STUB/Area/Sub/002_01")
    XCTAssertEqual(profile.cases[2].etsi, "TP/STUB/Area/Sub/Deeper/002_02")
    XCTAssertEqual(profile.cases[2].area, "Area/Sub/Deeper")
    XCTAssertEqual(profile.cases[2].since, "2.0")
    XCTAssertEqual(profile.cases[2].features, ["extra"])
    XCTAssertEqual(profile.cases[1].vars.map(\.0), ["entityId", "body", "v"])
  }

  func testUnknownKeyIsALoadError() throws {
    let bad = """
      cases:
        - id: typo
          request: {method: GET, path: /x}
          expectt: {status: 200}
      """
    XCTAssertThrowsError(try Support.load(["bad.yaml": bad])) { error in
      XCTAssertTrue("\(error)".contains("unknown key `expectt`"), "\(error)")
    }
  }

  func testUnknownBodyCheckIsALoadError() throws {
    let bad = """
      cases:
        - id: typo
          request: {method: GET, path: /x}
          expect: {status: 200, body: {subsett: {}}}
      """
    XCTAssertThrowsError(try Support.load(["bad.yaml": bad])) { XCTAssertTrue("\($0)".contains("subsett"), "\($0)") }
  }

  func testDuplicateIdsAreALoadError() throws {
    let a = "cases: [{id: same, request: {method: GET, path: /a}}]"
    let b = "cases: [{id: same, request: {method: GET, path: /b}}]"
    XCTAssertThrowsError(try Support.load(["a.yaml": a, "b.yaml": b])) {
      XCTAssertTrue("\($0)".contains("also used"), "\($0)")
    }
  }

  func testUndeclaredFeatureIsALoadError() throws {
    let text = "cases: [{id: f, features: [warp], request: {method: GET, path: /a}}]"
    XCTAssertThrowsError(try Support.load(["a.yaml": text])) { XCTAssertTrue("\($0)".contains("warp"), "\($0)") }
  }

  func testRequestAndStepListsByVariableName() throws {
    let text = """
      vars:
        get: {method: GET, path: /a}
        prepare: [{request: {method: POST, path: /a}, expect: {status: 201}}]
      cases:
        - id: named
          setup: "{{prepare}}"
          request: "{{get}}"
      """
    let profile = try Support.load(["a.yaml": text])
    XCTAssertEqual(profile.cases[0].request["path"], .string("/a"))
    XCTAssertEqual(profile.cases[0].setup.count, 1)
  }

  func testInvalidYAMLNamesTheFile() throws {
    XCTAssertThrowsError(try Support.load(["broken.yaml": "cases: [\n"])) {
      XCTAssertTrue("\($0)".hasPrefix("broken.yaml"), "\($0)")
    }
  }

  /// The shipped NGSI-LD profile loads, and every case names a test purpose of the ETSI index.
  func testShippedNGSILDProfileLoads() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("profiles/conformance/ngsi-ld").path
    let profile = try ProfileLoader().load(directory: root)
    XCTAssertGreaterThan(profile.cases.count, 250)
    XCTAssertTrue(profile.cases.allSatisfy { $0.etsi?.hasPrefix("TP/NGSI-LD/") == true }, "every case mirrors a TP")
    XCTAssertTrue(profile.cases.allSatisfy { !$0.clauses.isEmpty }, "every case cites a clause")
  }
}
