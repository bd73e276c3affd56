import RenkeiConformance
import RenkeiCore
import RenkeiHTTP
import XCTest

/// Verdicts against small servers on 127.0.0.1 port 0: right answers, wrong answers, hangs,
/// garbage and refused connections, and the run deadline.
final class RunnerTests: XCTestCase {
  let cases = """
    area: Things
    vars:
      thingId: "urn:thing:{{uid}}"
    cases:
      - id: create
        etsi: 001_01
        clauses: ["1.1"]
        request:
          method: POST
          path: /things
          headers: {Content-Type: application/json}
          body: {id: "{{thingId}}", greeting: "{{greeting}}"}
        expect:
          status: 201
          headers: {Location: "/api/things/{{thingId}}"}
        capture: {created: {header: Location, regex: "[^/]+$"}}
        then:
          - request: {method: GET, path: "/things/{{created}}"}
            expect: {status: 200, body: {subset: {id: "{{thingId}}", greeting: hello}}}
        teardown:
          - request: {method: DELETE, path: "/things/{{thingId}}"}
      - id: needs-extra
        features: [extra]
        request: {method: GET, path: /things}
      - id: future
        since: "2.0"
        request: {method: GET, path: /things}
    """

  /// A tiny in-memory store that behaves.
  static func goodServer() async throws -> HTTPServer {
    let store = Store()
    return try await HTTPServer.start { request in
      if request.method == "POST", request.path == "/api/things", let body = try? JSONTree.parse(request.body),
        let id = body["id"]?.string
      {
        await store.put(id, request.body)
        return HTTPResponseMessage(status: 201, headers: HTTPHeaderFields([("Location", "/api/things/" + id)]))
      }
      let id = String(request.path.dropFirst("/api/things/".count))
      if request.method == "GET", let body = await store.get(id) {
        return HTTPResponseMessage(
          status: 200, headers: HTTPHeaderFields([("Content-Type", "application/json")]), body: body)
      }
      if request.method == "DELETE" { return HTTPResponseMessage(status: 204) }
      return HTTPResponseMessage(status: 404)
    }
  }

  func testPassSkipAndNotApplicable() async throws {
    let profile = try Support.load(["things.yaml": cases])
    let server = try await Self.goodServer()
    let results = try await Support.run(profile, target: server.baseURL, plan: RunPlan(specVersion: "1.0"))
    await server.shutdown()
    XCTAssertEqual(results.map(\.verdict.name), ["passed", "skipped", "notApplicable"])
    XCTAssertEqual(results[0].exchanges.map(\.step), ["request", "then.1", "teardown.1"])
    XCTAssertEqual(
      results[0].exchanges[0].request.headers.fields.map(\.name), ["Content-Type"], "exactly the case's headers")
  }

  func testWrongAnswerFailsWithExpectedAndActual() async throws {
    let profile = try Support.load(["things.yaml": cases])
    let server = try await HTTPServer.start { _ in HTTPResponseMessage(status: 400, text: "no") }
    let results = try await Support.run(profile, target: server.baseURL, plan: RunPlan(include: ["create"]))
    await server.shutdown()
    guard case .failed(let failures) = results[0].verdict else { return XCTFail("\(results[0].verdict)") }
    XCTAssertEqual(failures.map(\.check), ["status", "header:Location:equals"])
    XCTAssertEqual(failures[0].expected, "201")
    XCTAssertEqual(results[0].exchanges.last?.step, "teardown.1", "teardown runs after a failure")
  }

  func testHangingPlatformIsAnErrorNotAHang() async throws {
    let profile = try Support.load(["things.yaml": cases])
    let server = try RawServer(reply: nil)
    let started = ContinuousClock().now
    let results = try await Support.run(
      profile, target: server.baseURL, timeout: .milliseconds(300), plan: RunPlan(include: ["create"]))
    server.stop()
    XCTAssertLessThan(ContinuousClock().now - started, .seconds(5))
    guard case .error(let reason) = results[0].verdict else { return XCTFail("\(results[0].verdict)") }
    XCTAssertTrue(reason.contains("timeout"), reason)
  }

  func testGarbageIsAnError() async throws {
    let profile = try Support.load(["things.yaml": cases])
    let server = try RawServer(reply: Array("this is not HTTP\r\n\r\n".utf8))
    let results = try await Support.run(profile, target: server.baseURL, plan: RunPlan(include: ["create"]))
    server.stop()
    XCTAssertEqual(results[0].verdict.name, "error", "\(results[0].verdict)")
  }

  func testRefusedConnectionIsAnError() async throws {
    let profile = try Support.load(["things.yaml": cases])
    let server = try await HTTPServer.start { _ in HTTPResponseMessage(status: 200) }
    let url = server.baseURL
    await server.shutdown()
    let results = try await Support.run(profile, target: url, plan: RunPlan(include: ["create"]))
    guard case .error(let reason) = results[0].verdict else { return XCTFail("\(results[0].verdict)") }
    XCTAssertTrue(reason.contains("connection") || reason.contains("refused"), reason)
  }

  func testDeadlineReportsUnrunCasesAsNotRun() async throws {
    let many = """
      cases:
      \((1...6).map { "  - {id: slow-\($0), request: {method: GET, path: /slow}, expect: {status: 200}}" }.joined(separator: "\n"))
      """
    let profile = try Support.load(["slow.yaml": many])
    let server = try await HTTPServer.start { _ in
      try? await Task.sleep(for: .milliseconds(400))
      return HTTPResponseMessage(status: 200)
    }
    let started = ContinuousClock().now
    let results = try await Support.run(
      profile, target: server.baseURL, timeout: .seconds(5), deadline: .milliseconds(600), jobs: 1)
    await server.shutdown()
    XCTAssertLessThan(ContinuousClock().now - started, .seconds(3))
    XCTAssertEqual(results.count, 6)
    XCTAssertEqual(results[0].verdict, .passed)
    XCTAssertTrue(results.dropFirst(2).allSatisfy { $0.verdict.name == "notRun" }, "\(results.map(\.verdict.name))")
    XCTAssertFalse(results.contains { $0.verdict == .passed && $0.exchanges.isEmpty }, "nothing unrun counts as passed")
  }

  func testUnknownVariableIsAnError() async throws {
    let profile = try Support.load(["bad.yaml": "cases: [{id: bad, request: {method: GET, path: '/x/{{nope}}'}}]"])
    let results = try await Support.run(profile, target: "http://127.0.0.1:9")
    XCTAssertEqual(results[0].verdict, .error("request: unknown variable {{nope}}"))
  }

  func testNotificationsReachTheReceiver() async throws {
    let text = """
      cases:
        - id: notify
          request:
            method: POST
            path: /subscribe
            body: {callback: "{{callbackURL}}"}
          expect: {status: 200}
          notifications:
            - within: 2s
              expect: {body: {subset: {hello: world}}}
            - none: true
              within: 200ms
      """
    let profile = try Support.load(["n.yaml": text])
    let client = HTTPClientSession()
    let server = try await HTTPServer.start { request in
      guard let body = try? JSONTree.parse(request.body), let callback = body["callback"]?.string else {
        return HTTPResponseMessage(status: 400)
      }
      _ = try? await client.send(
        HTTPRequestMessage(
          method: "POST", target: callback, headers: HTTPHeaderFields([("Content-Type", "application/json")]),
          body: Array(#"{"hello":"world"}"#.utf8)))
      return HTTPResponseMessage(status: 200)
    }
    let results = try await Support.run(profile, target: server.baseURL)
    await server.shutdown()
    await client.shutdown()
    XCTAssertEqual(results[0].verdict, .passed)
  }

  /// `bodyFile` is read from the profile folder and templated; a variable that is exactly another
  /// structured variable's name stands for that value.
  func testBodyFileAndStructuredAliases() async throws {
    let text = """
      vars:
        thingId: "urn:thing:{{uid}}"
        full: {id: "{{thingId}}", greeting: "{{greeting}}"}
        chosen: "{{full}}"
      cases:
        - id: from-file
          request: {method: POST, path: /things, headers: {Content-Type: application/json}, bodyFile: body.json}
          expect: {status: 201}
          then:
            - request: {method: GET, path: "/things/{{thingId}}"}
              expect: {status: 200, body: {exact: "{{chosen}}"}}
      """
    let directory = try Support.profile([
      "cases.yaml": text, "body.json": #"{"id": "{{thingId}}", "greeting": "hello"}"#,
    ])
    let profile = try ProfileLoader().load(directory: directory)
    let server = try await Self.goodServer()
    let results = try await Support.run(profile, target: server.baseURL)
    await server.shutdown()
    XCTAssertEqual(results[0].verdict, .passed)
  }
}

actor Store {
  var items: [String: [UInt8]] = [:]
  func put(_ id: String, _ body: [UInt8]) { items[id] = body }
  func get(_ id: String) -> [UInt8]? { items[id] }
}
