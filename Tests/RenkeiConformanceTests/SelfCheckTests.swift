import RenkeiConformance
import RenkeiCore
import RenkeiHTTP
import XCTest

/// The mutating proxy against a stub platform: a case with real checks notices every mutation, a
/// case whose checks say nothing about the answer is reported as vacuous.
final class SelfCheckTests: XCTestCase {
  let cases = """
    cases:
      - id: strong
        request: {method: GET, path: /thing}
        expect:
          status: 200
          headers: {ETag: {present: true}, X-Debug: {absent: true}}
          body: {subset: {id: "urn:thing:1", value: 5}}
      - id: weak
        request: {method: GET, path: /thing}
        expect:
          body: {subset: {}}
      - id: silent
        request: {method: GET, path: /thing}
      - id: broken
        request: {method: GET, path: /thing}
        expect: {status: 201}
    """

  func testVacuousCasesAreFound() async throws {
    let profile = try Support.load(["cases.yaml": cases])
    let platform = try await HTTPServer.start { _ in
      HTTPResponseMessage(
        status: 200, headers: HTTPHeaderFields([("ETag", "\"1\""), ("Content-Type", "application/json")]),
        text: #"{"id":"urn:thing:1","value":5,"other":true}"#)
    }
    let receiver = try await NotificationReceiver.start()
    let checks = try await SelfCheck(profile: profile, options: RunOptions(target: "", jobs: 2))
      .run(upstream: platform.baseURL, receiver: receiver)
    await receiver.shutdown()
    await platform.shutdown()
    let byID = Dictionary(uniqueKeysWithValues: checks.map { ($0.id, $0) })
    XCTAssertEqual(byID["strong"]?.baseline, .passed)
    XCTAssertEqual(byID["strong"]?.vacuous, [])
    XCTAssertEqual(byID["strong"]?.mutations, 5, "status, two headers, two body members")
    XCTAssertEqual(byID["weak"]?.vacuous, [.alterMember("")], "an empty subset notices no change")
    XCTAssertEqual(byID["silent"]?.mutations, 0)
    XCTAssertEqual(byID["broken"]?.baseline.name, "failed")
    let text = SelfCheck.render(checks)
    XCTAssertTrue(text.contains("VACUOUS silent"), text)
    XCTAssertTrue(text.contains("NOT CHECKED broken"), text)
    XCTAssertFalse(text.contains("VACUOUS strong"), text)
    XCTAssertTrue(text.contains("VACUOUS weak"), text)
  }

  func testProxyForwardsUnmarkedRequestsUnchanged() async throws {
    let platform = try await HTTPServer.start { request in
      HTTPResponseMessage(
        status: 202, headers: HTTPHeaderFields([("X-Seen", request.headers["X-In"] ?? "")]), text: request.target)
    }
    let session = HTTPClientSession()
    let proxy = try await MutatingProxy.start(upstream: platform.baseURL, session: session)
    await proxy.register(.mutate(.status(418)), token: "t1")
    let plain = try await session.send(
      HTTPRequestMessage(method: "GET", target: proxy.baseURL + "/a?b=c", headers: HTTPHeaderFields([("X-In", "v")])))
    XCTAssertEqual(plain.status, 202)
    XCTAssertEqual(plain.headers["X-Seen"], "v")
    XCTAssertEqual(plain.bodyText, "/a?b=c")
    let marked = try await session.send(
      HTTPRequestMessage(
        method: "GET", target: proxy.baseURL + "/a", headers: HTTPHeaderFields([(MutatingProxy.markHeader, "t1")])))
    XCTAssertEqual(marked.status, 418)
    await proxy.shutdown()
    await platform.shutdown()
    await session.shutdown()
  }

  func testAddingAnAssertedAbsentArrayElementAppends() {
    let response = HTTPResponseMessage(status: 200, text: #"[{"name":[1,2]}]"#)
    let mutated = ResponseMutation.addMember("/0/name/2").apply(to: response)
    XCTAssertEqual(mutated.bodyText, #"[{"name":[1,2,"renkei-mutated"]}]"#)
    let beyond = ResponseMutation.addMember("/0/name/5").apply(to: response)
    XCTAssertEqual(beyond.bodyText, response.bodyText, "a gap is not filled")
  }
}
