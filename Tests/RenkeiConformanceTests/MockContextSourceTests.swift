import RenkeiConformance
import RenkeiCore
import RenkeiHTTP
import XCTest

/// The mock context source: scripted answers (`mock.respond`) and checks of what it received
/// (`mockRequests`), against a stub platform that forwards to the provider URL it is given.
final class MockContextSourceTests: XCTestCase {
  /// A platform that POSTs `{"entities": [...]}` to `<provider>/op/query` with a Fiware-Service
  /// header and answers the client with the provider's status and body.
  static func forwardingServer(client: HTTPClientSession) async throws -> HTTPServer {
    try await HTTPServer.start { request in
      guard let body = try? JSONTree.parse(request.body), let provider = body["provider"]?.string else {
        return HTTPResponseMessage(status: 400)
      }
      let forwarded = HTTPRequestMessage(
        method: "POST", target: provider + "/op/query",
        headers: HTTPHeaderFields([("Content-Type", "application/json"), ("Fiware-Service", "acme")]),
        body: Array(#"{"entities":[{"id":"E1"}]}"#.utf8))
      guard let answer = try? await client.send(forwarded, timeout: .seconds(1)) else {
        return HTTPResponseMessage(status: 504)
      }
      return HTTPResponseMessage(status: answer.status, headers: answer.headers, body: answer.body)
    }
  }

  func run(_ text: String) async throws -> [CaseResult] {
    let profile = try Support.load(["m.yaml": text])
    let client = HTTPClientSession()
    let server = try await Self.forwardingServer(client: client)
    let results = try await Support.run(profile, target: server.baseURL)
    await server.shutdown()
    await client.shutdown()
    return results
  }

  func testScriptedAnswersAndReceivedRequests() async throws {
    let text = """
      cases:
        - id: scripted
          mock:
            respond:
              - {method: GET, path: /op/query, status: 500}
              - {method: POST, path: /op/query, status: 200, body: [{id: E1, type: "{{greeting}}"}]}
          request: {method: POST, path: /query, body: {provider: "{{mockURL}}"}}
          expect: {status: 200, headers: {Content-Type: application/json}, body: {exact: [{id: E1, type: hello}]}}
          mockRequests:
            - method: POST
              path: /op/query
              expect: {headers: {Fiware-Service: acme}, body: {exact: {entities: [{id: E1}]}}}
            - none: true
              within: 100ms
        - id: default-answer
          request: {method: POST, path: /query, body: {provider: "{{mockURL}}"}}
          expect: {status: 200, body: {exact: []}}
        - id: text-answer
          mock: {respond: [{path: /op/query, status: 201, bodyText: "not JSON"}]}
          request: {method: POST, path: /query, body: {provider: "{{mockURL}}"}}
          expect: {status: 201}
      """
    let results = try await run(text)
    XCTAssertEqual(results.map(\.verdict), [.passed, .passed, .passed], "\(results.map(\.verdict))")
  }

  /// A scripted delay makes a slow provider: the stub platform gives up after 1 s (504).
  func testDelayedAnswers() async throws {
    let text = """
      cases:
        - id: slow
          mock: {respond: [{path: /op/query, body: [], delay: 1500ms}]}
          request: {method: POST, path: /query, body: {provider: "{{mockURL}}"}}
          expect: {status: 504}
      """
    let results = try await run(text)
    XCTAssertEqual(results.map(\.verdict), [.passed])
  }

  func testWrongExpectationsOnReceivedRequestsFail() async throws {
    let text = """
      cases:
        - id: wrong-path
          request: {method: POST, path: /query, body: {provider: "{{mockURL}}"}}
          expect: {status: 200}
          mockRequests:
            - {method: PUT, path: /op/update, expect: {headers: {Fiware-Service: other}}}
        - id: unexpected
          request: {method: POST, path: /query, body: {provider: "{{mockURL}}"}}
          expect: {status: 200}
          mockRequests:
            - {none: true, within: 200ms}
        - id: missing
          request: {method: GET, path: /nothing}
          expect: {status: 400}
          mockRequests:
            - {within: 200ms, path: /op/query}
      """
    let results = try await run(text)
    guard case .failed(let wrong) = results[0].verdict else { return XCTFail("\(results[0].verdict)") }
    XCTAssertEqual(
      wrong.map(\.check), ["mockRequest.1:method", "mockRequest.1:path", "mockRequest.1.header:Fiware-Service:equals"])
    guard case .failed(let unexpected) = results[1].verdict else { return XCTFail("\(results[1].verdict)") }
    XCTAssertEqual(unexpected.map(\.check), ["mockRequest.1:none"])
    guard case .failed(let missing) = results[2].verdict else { return XCTFail("\(results[2].verdict)") }
    XCTAssertEqual(missing.map(\.check), ["mockRequest.1:received"])
  }

  func testMockDefinitionsAreCheckedOnLoad() throws {
    let unknown = "cases: [{id: a, request: {method: GET, path: /x}, mock: {respond: [{path: /q, colour: red}]}}]"
    XCTAssertThrowsError(try Support.load(["a.yaml": unknown])) { XCTAssertTrue("\($0)".contains("colour"), "\($0)") }
    let noPath = "cases: [{id: a, request: {method: GET, path: /x}, mock: {respond: [{status: 200}]}}]"
    XCTAssertThrowsError(try Support.load(["a.yaml": noPath])) { XCTAssertTrue("\($0)".contains("path"), "\($0)") }
    let badKey = "cases: [{id: a, request: {method: GET, path: /x}, mockRequests: [{methd: GET}]}]"
    XCTAssertThrowsError(try Support.load(["a.yaml": badKey])) { XCTAssertTrue("\($0)".contains("methd"), "\($0)") }
  }
}
