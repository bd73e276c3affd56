import RenkeiCore
import RenkeiHTTP
import XCTest

@testable import RenkeiBroker

/// Forwarding to context providers: a provider on 127.0.0.1 (port 0) records what the broker sends
/// and answers as each test scripts it; each behaviour where it fires and where it stays silent,
/// and providers that are down, slow or answer garbage.
final class NGSIv2ForwardingTests: XCTestCase {
  /// What the provider received and how it answers.
  actor ProviderLog {
    var requests: [HTTPRequestMessage] = []
    var responder: @Sendable (HTTPRequestMessage) async -> HTTPResponseMessage = { request in
      request.path.hasSuffix("/op/query")
        ? HTTPResponseMessage(
          status: 200, headers: HTTPHeaderFields([("Content-Type", "application/json")]), text: "[]")
        : HTTPResponseMessage(status: 204)
    }

    func record(_ request: HTTPRequestMessage) { requests.append(request) }

    func script(_ handler: @escaping @Sendable (HTTPRequestMessage) async -> HTTPResponseMessage) {
      responder = handler
    }
  }

  var broker: NGSIv2Broker!
  var provider: HTTPServer!
  let log = ProviderLog()

  override func setUp() async throws {
    broker = NGSIv2Broker(forwardingTimeout: .milliseconds(500))
    let log = self.log
    provider = try await HTTPServer.start(host: "127.0.0.1", port: 0) { request in
      await log.record(request)
      let responder = await log.responder
      return await responder(request)
    }
  }

  override func tearDown() async throws {
    await provider.shutdown()
    await broker.shutdown()
  }

  var providerURL: String { provider.baseURL + "/v2" }

  /// The provider answers queries with Room1 and its pressure.
  func answerPressure(_ value: Int = 720) async {
    await log.script { request in
      guard request.path.hasSuffix("/op/query") else { return HTTPResponseMessage(status: 204) }
      return HTTPResponseMessage(
        status: 200, headers: HTTPHeaderFields([("Content-Type", "application/json")]),
        text: #"[{"id": "Room1", "type": "Room", "pressure": {"type": "Number", "value": \#(value), "metadata": {}}}]"#)
    }
  }

  func send(
    _ method: String, _ target: String, _ body: String? = nil, headers: [(String, String)] = []
  ) async -> (status: Int, headers: HTTPHeaderFields, body: JSONTree?) {
    await broker.send(method, target, body, headers: headers)
  }

  /// Registers the provider for Room1 (type Room) and the given attributes; returns the id.
  @discardableResult
  func register(
    _ attrs: [String] = ["pressure"], mode: String? = nil, url: String? = nil, legacy: Bool = false,
    headers: [(String, String)] = []
  ) async -> String {
    let names = attrs.map { "\"\($0)\"" }.joined(separator: ", ")
    let modeText = mode.map { #", "supportedForwardingMode": "\#($0)""# } ?? ""
    let legacyText = legacy ? #", "legacyForwarding": true"# : ""
    let created = await send(
      "POST", "/v2/registrations",
      #"{"dataProvided": {"entities": [{"id": "Room1", "type": "Room"}], "attrs": [\#(names)]}, "#
        + #""provider": {"http": {"url": "\#(url ?? providerURL)"}\#(modeText)\#(legacyText)}}"#, headers: headers)
    XCTAssertEqual(created.status, 201)
    return String(created.headers["Location"]?.split(separator: "/").last ?? "")
  }

  func createRoom(headers: [(String, String)] = []) async {
    let created = await send(
      "POST", "/v2/entities", #"{"id": "Room1", "type": "Room", "temperature": {"value": 23}}"#, headers: headers)
    XCTAssertEqual(created.status, 201)
  }

  var received: [HTTPRequestMessage] { get async { await log.requests } }

  // MARK: Queries

  func testRetrieveMergesTheProvidersAttributes() async throws {
    await answerPressure()
    await register()
    await createRoom()
    let read = await send("GET", "/v2/entities/Room1?options=keyValues")
    XCTAssertEqual(read.status, 200)
    XCTAssertEqual(read.body?.description, #"{"id":"Room1","type":"Room","temperature":23,"pressure":720}"#)
    let requests = await received
    XCTAssertEqual(requests.count, 1)
    XCTAssertEqual(requests.first?.method, "POST")
    XCTAssertEqual(requests.first?.path, "/v2/op/query")
    XCTAssertEqual(requests.first?.headers["Content-Type"], "application/json")
    let body = try JSONTree.parse(requests.first?.body ?? [])
    XCTAssertEqual(body.description, #"{"entities":[{"id":"Room1","type":"Room"}],"attrs":["pressure"]}"#)
  }

  func testEveryQueryShapeIsForwarded() async throws {
    await answerPressure()
    await register()
    await createRoom()
    let attrs = await send("GET", "/v2/entities/Room1/attrs?options=keyValues")
    XCTAssertEqual(attrs.body?.description, #"{"temperature":23,"pressure":720}"#)
    let attribute = await send("GET", "/v2/entities/Room1/attrs/pressure")
    XCTAssertEqual(attribute.body?["value"], .number("720"))
    let value = await broker.handle(
      HTTPRequestMessage(method: "GET", target: "/v2/entities/Room1/attrs/pressure/value"))
    XCTAssertEqual(String(decoding: value.body, as: UTF8.self), "720")
    let list = await send("GET", "/v2/entities?type=Room&options=keyValues")
    XCTAssertEqual(list.body?.description, #"[{"id":"Room1","type":"Room","temperature":23,"pressure":720}]"#)
    let query = await send(
      "POST", "/v2/op/query?options=keyValues",
      #"{"entities": [{"idPattern": ".*", "type": "Room"}], "attrs": ["pressure"]}"#)
    XCTAssertEqual(query.body?.description, #"[{"id":"Room1","type":"Room","pressure":720}]"#)
    let filtered = await send("GET", "/v2/entities?type=Room&q=pressure>700&options=keyValues&attrs=pressure")
    XCTAssertEqual(filtered.body?.description, #"[{"id":"Room1","type":"Room","pressure":720}]"#)
    let count = await received.count
    XCTAssertEqual(count, 6)
  }

  func testAnEntityOnlyTheProviderHasIsAnswered() async throws {
    await answerPressure()
    await register()
    let read = await send("GET", "/v2/entities/Room1?type=Room&options=keyValues")
    XCTAssertEqual(read.status, 200)
    XCTAssertEqual(read.body?.description, #"{"id":"Room1","type":"Room","pressure":720}"#)
    let missing = await send("GET", "/v2/entities/Room2?type=Room")
    XCTAssertEqual(missing.status, 404)
  }

  /// A registration for every Room (`idPattern: .*`) and every attribute (no `attrs`).
  func testPatternRegistrationsForEveryAttribute() async throws {
    await log.script { request in
      // Room7, and Room99 without a type: left out where Room7 was asked for, a Room in a list of Rooms.
      HTTPResponseMessage(
        status: 200, headers: HTTPHeaderFields([("Content-Type", "application/json")]),
        text: #"[{"id": "Room7", "type": "Room", "co2": {"value": 400}}, {"id": "Room99", "co2": {"value": 1}}]"#)
    }
    let created = await send(
      "POST", "/v2/registrations",
      #"{"dataProvided": {"entities": [{"idPattern": ".*", "type": "Room"}]}, "provider": {"http": {"url": "\#(providerURL)"}}}"#
    )
    XCTAssertEqual(created.status, 201)
    let one = await send("GET", "/v2/entities/Room7?options=keyValues")
    XCTAssertEqual(one.body?.description, #"{"id":"Room7","type":"Room","co2":400}"#)
    let list = await send("GET", "/v2/entities?type=Room&options=keyValues")
    XCTAssertEqual(
      list.body?.description, #"[{"id":"Room7","type":"Room","co2":400},{"id":"Room99","type":"Room","co2":1}]"#)
    let other = await send("GET", "/v2/entities?type=Street")
    XCTAssertEqual(other.body?.description, "[]")
    let bodies = try await received.map { try JSONTree.parse($0.body).description }
    XCTAssertEqual(
      bodies, [#"{"entities":[{"id":"Room7","type":"Room"}]}"#, #"{"entities":[{"idPattern":".*","type":"Room"}]}"#])
  }

  func testQueriesThatMissTheRegistrationAreNotForwarded() async throws {
    await answerPressure()
    await register()
    await createRoom()
    _ = await send("GET", "/v2/entities/Room1?attrs=temperature")
    _ = await send("GET", "/v2/entities/Room1?options=skipForwarding")
    _ = await send("GET", "/v2/entities/Room1?attrs=dateCreated")
    _ = await send("GET", "/v2/entities?type=Other")
    _ = await send("GET", "/v2/entities?id=Room2")
    _ = await send("POST", "/v2/op/query", #"{"entities": [{"id": "Room1"}], "attrs": ["temperature"]}"#)
    let skipped = await send("GET", "/v2/entities/Room1?options=skipForwarding,keyValues")
    XCTAssertEqual(skipped.body?.description, #"{"id":"Room1","type":"Room","temperature":23}"#)
    let count = await received.count
    XCTAssertEqual(count, 0)
  }

  func testForwardingModes() async throws {
    await answerPressure()
    await createRoom()
    for mode in ["update", "none"] {
      let id = await register(mode: mode)
      let read = await send("GET", "/v2/entities/Room1?options=keyValues")
      XCTAssertEqual(read.body?.description, #"{"id":"Room1","type":"Room","temperature":23}"#, mode)
      _ = await send("DELETE", "/v2/registrations/\(id)")
    }
    let queries = await received.count
    XCTAssertEqual(queries, 0)
    await register(mode: "query")
    let update = await send("PATCH", "/v2/entities/Room1/attrs", #"{"pressure": {"value": 1}}"#)
    XCTAssertEqual(update.status, 422, "a query-only provider takes no update; Room1 has no pressure locally")
    let read = await send("GET", "/v2/entities/Room1?options=keyValues")
    XCTAssertEqual(read.body?["pressure"], .number("720"))
    let paths = await received.map(\.path)
    XCTAssertEqual(paths, ["/v2/op/query"])
  }

  /// `legacyForwarding` providers get NGSIv1 queryContext and updateContext.
  func testLegacyProvidersSpeakNGSIv1() async throws {
    await log.script { request in
      let body =
        request.path.hasSuffix("/queryContext")
        ? #"{"contextResponses": [{"contextElement": {"id": "Room1", "type": "Room", "isPattern": "false", "#
          + #""attributes": [{"name": "pressure", "type": "Number", "value": 720}]}, "#
          + #""statusCode": {"code": "200", "reasonPhrase": "OK"}}]}"#
        : #"{"contextResponses": [{"contextElement": {"id": "Room1"}, "statusCode": {"code": "200"}}]}"#
      return HTTPResponseMessage(
        status: 200, headers: HTTPHeaderFields([("Content-Type", "application/json")]), text: body)
    }
    let id = await register(legacy: true)
    await createRoom()
    let read = await send("GET", "/v2/entities/Room1?options=keyValues")
    XCTAssertEqual(read.body?.description, #"{"id":"Room1","type":"Room","temperature":23,"pressure":720}"#)
    let update = await send("PATCH", "/v2/entities/Room1/attrs", #"{"pressure": {"value": 700}}"#)
    XCTAssertEqual(update.status, 204)
    let requests = await received
    XCTAssertEqual(requests.map(\.path), ["/v2/queryContext", "/v2/updateContext"])
    XCTAssertEqual(
      try JSONTree.parse(requests[0].body).description,
      #"{"entities":[{"type":"Room","isPattern":"false","id":"Room1"}],"attributes":["pressure"]}"#)
    XCTAssertEqual(
      try JSONTree.parse(requests[1].body).description,
      #"{"contextElements":[{"type":"Room","isPattern":"false","id":"Room1","#
        + #""attributes":[{"name":"pressure","type":"Number","value":700}]}],"updateAction":"UPDATE"}"#)
    // An NGSIv1 error answer is a failed update.
    await log.script { _ in HTTPResponseMessage(status: 200, text: #"{"errorCode": {"code": "404"}}"#) }
    let failed = await send("PATCH", "/v2/entities/Room1/attrs", #"{"pressure": {"value": 1}}"#)
    XCTAssertEqual(failed.status, 404)
    let registration = await send("GET", "/v2/registrations/\(id)")
    XCTAssertEqual(registration.body?["forwardingInformation"]?["timesSent"], .number("3"))
    XCTAssertNotNil(registration.body?["forwardingInformation"]?["lastFailure"])
  }

  func testTenantHeadersAreForwarded() async throws {
    await answerPressure()
    let tenant = [("Fiware-Service", "Acme")]
    await register(headers: tenant)
    await createRoom(headers: tenant + [("Fiware-ServicePath", "/park")])
    let read = await send(
      "GET", "/v2/entities/Room1?options=keyValues",
      headers: tenant + [("Fiware-ServicePath", "/park"), ("X-Auth-Token", "t0k")])
    XCTAssertEqual(read.body?["pressure"], .number("720"))
    let request = await received.first
    XCTAssertEqual(request?.headers["Fiware-Service"], "acme")
    XCTAssertEqual(request?.headers["Fiware-ServicePath"], "/park")
    XCTAssertEqual(request?.headers["X-Auth-Token"], "t0k")
    // Another tenant's registrations do not apply.
    _ = await send("GET", "/v2/entities/Room1")
    let count = await received.count
    XCTAssertEqual(count, 1)
  }

  // MARK: Updates

  func testUpdatesOfRegisteredAttributesGoToTheProvider() async throws {
    await register()
    await createRoom()
    let patched = await send("PATCH", "/v2/entities/Room1/attrs", #"{"pressure": {"value": 700}}"#)
    XCTAssertEqual(patched.status, 204)
    let requests = await received
    XCTAssertEqual(requests.map(\.path), ["/v2/op/update"])
    let body = try JSONTree.parse(requests.first?.body ?? [])
    XCTAssertEqual(
      body.description,
      #"{"actionType":"update","entities":[{"id":"Room1","type":"Room","pressure":{"type":"Number","value":700,"metadata":{}}}]}"#
    )
    let local = await send("GET", "/v2/entities/Room1?options=skipForwarding,keyValues")
    XCTAssertEqual(local.body?.description, #"{"id":"Room1","type":"Room","temperature":23}"#)
  }

  func testMixedUpdatesStoreTheLocalPart() async throws {
    await register()
    await createRoom()
    let appended = await send(
      "POST", "/v2/entities/Room1/attrs?options=keyValues", #"{"temperature": 25, "pressure": 701}"#)
    XCTAssertEqual(appended.status, 204)
    let batch = await send(
      "POST", "/v2/op/update",
      #"{"actionType": "update", "entities": [{"id": "Room1", "temperature": {"value": 26}, "pressure": {"value": 702}}]}"#
    )
    XCTAssertEqual(batch.status, 204)
    let put = await send("PUT", "/v2/entities/Room1/attrs/pressure", #"{"value": 703, "type": "Number"}"#)
    XCTAssertEqual(put.status, 204)
    let value = await broker.handle(
      HTTPRequestMessage(
        method: "PUT", target: "/v2/entities/Room1/attrs/pressure/value",
        headers: HTTPHeaderFields([("Content-Type", "text/plain")]), body: Array("704".utf8)))
    XCTAssertEqual(value.status, 204)
    let bodies = try await received.map { try JSONTree.parse($0.body) }
    XCTAssertEqual(bodies.map { $0["actionType"]?.string }, ["append", "update", "update", "update"])
    XCTAssertEqual(
      bodies.map { $0["entities"]?.array?.first?["pressure"]?["value"] },
      [.number("701"), .number("702"), .number("703"), .number("704")])
    XCTAssertEqual(bodies[0]["entities"]?.array?.first?["temperature"], nil)
    let local = await send("GET", "/v2/entities/Room1?options=skipForwarding,keyValues")
    XCTAssertEqual(local.body?.description, #"{"id":"Room1","type":"Room","temperature":26}"#)
  }

  func testUpdatesOfOtherAttributesStayLocal() async throws {
    await register()
    await createRoom()
    let patched = await send("PATCH", "/v2/entities/Room1/attrs", #"{"temperature": {"value": 30}}"#)
    XCTAssertEqual(patched.status, 204)
    let other = await send(
      "POST", "/v2/op/update", #"{"actionType": "append", "entities": [{"id": "Room2", "pressure": {"value": 1}}]}"#)
    XCTAssertEqual(other.status, 204)
    let deleted = await send(
      "POST", "/v2/op/update", #"{"actionType": "delete", "entities": [{"id": "Room1", "temperature": {}}]}"#)
    XCTAssertEqual(deleted.status, 204)
    let count = await received.count
    XCTAssertEqual(count, 0)
  }

  // MARK: Failing providers

  func testAProviderThatIsDownLeavesTheLocalAnswer() async throws {
    let id = await register(url: "http://127.0.0.1:9/v2")
    await createRoom()
    let read = await send("GET", "/v2/entities/Room1?options=keyValues")
    XCTAssertEqual(read.status, 200)
    XCTAssertEqual(read.body?.description, #"{"id":"Room1","type":"Room","temperature":23}"#)
    let update = await send("PATCH", "/v2/entities/Room1/attrs", #"{"pressure": {"value": 1}}"#)
    XCTAssertEqual(update.status, 404)
    let mixed = await send(
      "PATCH", "/v2/entities/Room1/attrs", #"{"pressure": {"value": 1}, "temperature": {"value": 2}}"#)
    XCTAssertEqual(mixed.status, 422)
    XCTAssertEqual(mixed.body?["error"]?.string, "PartialUpdate")
    let registration = await send("GET", "/v2/registrations/\(id)")
    let information = registration.body?["forwardingInformation"]
    XCTAssertEqual(information?["timesSent"], .number("3"))
    XCTAssertNotNil(information?["lastFailure"]?.string)
    XCTAssertNotNil(information?["lastForwarding"]?.string)
    XCTAssertNil(information?["lastSuccess"])
  }

  func testGarbageAndErrorsAreFailures() async throws {
    let id = await register()
    await createRoom()
    for answer in ["not JSON", #"{"id": "Room1"}"#, #"[{"type": "Room"}]"#, #"[{"id": "Room1", "pressure": 5}]"#] {
      await log.script { _ in HTTPResponseMessage(status: 200, text: answer) }
      let read = await send("GET", "/v2/entities/Room1?options=keyValues")
      XCTAssertEqual(read.body?.description, #"{"id":"Room1","type":"Room","temperature":23}"#, answer)
    }
    await log.script { _ in HTTPResponseMessage(status: 500, text: "[]") }
    let read = await send("GET", "/v2/entities/Room1")
    XCTAssertEqual(read.status, 200)
    let update = await send("PATCH", "/v2/entities/Room1/attrs", #"{"pressure": {"value": 1}}"#)
    XCTAssertEqual(update.status, 404)
    let registration = await send("GET", "/v2/registrations/\(id)")
    XCTAssertEqual(registration.body?["forwardingInformation"]?["timesSent"], .number("6"))
    XCTAssertNil(registration.body?["forwardingInformation"]?["lastSuccess"])
  }

  func testASlowProviderIsCutOff() async throws {
    await log.script { _ in
      try? await Task.sleep(for: .seconds(2))
      return HTTPResponseMessage(status: 200, text: "[]")
    }
    await register()
    await createRoom()
    let clock = ContinuousClock()
    let started = clock.now
    let read = await send("GET", "/v2/entities/Room1?options=keyValues")
    XCTAssertLessThan(clock.now - started, .seconds(3))
    XCTAssertEqual(read.body?.description, #"{"id":"Room1","type":"Room","temperature":23}"#)
  }

  func testForwardingInformationAfterSuccess() async throws {
    await answerPressure()
    let id = await register()
    let before = await send("GET", "/v2/registrations/\(id)")
    XCTAssertNil(before.body?["forwardingInformation"])
    await createRoom()
    _ = await send("GET", "/v2/entities/Room1")
    _ = await send("PATCH", "/v2/entities/Room1/attrs", #"{"pressure": {"value": 1}}"#)
    let after = await send("GET", "/v2/registrations/\(id)")
    let information = after.body?["forwardingInformation"]
    XCTAssertEqual(information?["timesSent"], .number("2"))
    XCTAssertNotNil(information?["lastSuccess"]?.string)
    XCTAssertEqual(information?["lastForwarding"], information?["lastSuccess"])
    XCTAssertNil(information?["lastFailure"])
  }

  func testRequestsTheLocalOperationRejectsAreNotForwarded() async throws {
    await register()
    await createRoom()
    let options = await send("PATCH", "/v2/entities/Room1/attrs?options=bogus", #"{"pressure": {"value": 1}}"#)
    XCTAssertEqual(options.status, 400)
    let media = await send(
      "PATCH", "/v2/entities/Room1/attrs", #"{"pressure": {"value": 1}}"#, headers: [("Content-Type", "text/plain")])
    XCTAssertEqual(media.status, 415)
    let broken = await send("PATCH", "/v2/entities/Room1/attrs", #"{"pressure": "#)
    XCTAssertEqual(broken.status, 400)
    let invalid = await send("PATCH", "/v2/entities/Room1/attrs", #"{"pressure": {"value": 1, "colour": 2}}"#)
    XCTAssertEqual(invalid.status, 400)
    let count = await received.count
    XCTAssertEqual(count, 0)
  }

  /// A broker registered as its own provider answers from its local data instead of forwarding in
  /// a circle.
  func testABrokerRegisteredForItselfDoesNotLoop() async throws {
    let server = try await broker.serve(host: "127.0.0.1", port: 0)
    await register(url: server.baseURL + "/v2")
    await createRoom()
    let clock = ContinuousClock()
    let started = clock.now
    let read = await send("GET", "/v2/entities/Room1?options=keyValues")
    XCTAssertLessThan(clock.now - started, .seconds(2))
    XCTAssertEqual(read.body?.description, #"{"id":"Room1","type":"Room","temperature":23}"#)
    let update = await send("PATCH", "/v2/entities/Room1/attrs", #"{"pressure": {"value": 1}}"#)
    // The forwarded update reached the broker itself, which refused it (no local pressure): a failure.
    XCTAssertEqual(update.status, 404)
    await server.shutdown()
  }

  // MARK: op/notify

  func testNotifyStoresTheNotifiedEntities() async throws {
    let notified = await send(
      "POST", "/v2/op/notify",
      #"{"subscriptionId": "abc", "data": [{"id": "Room9", "type": "Room", "temperature": {"value": 5}}]}"#)
    XCTAssertEqual(notified.status, 200)
    let read = await send("GET", "/v2/entities/Room9?options=keyValues")
    XCTAssertEqual(read.body?.description, #"{"id":"Room9","type":"Room","temperature":5}"#)
    let again = await send(
      "POST", "/v2/op/notify",
      #"{"subscriptionId": "abc", "data": [{"id": "Room9", "type": "Room", "humidity": {"value": 50}}]}"#)
    XCTAssertEqual(again.status, 200)
    let merged = await send("GET", "/v2/entities/Room9?options=keyValues")
    XCTAssertEqual(merged.body?.description, #"{"id":"Room9","type":"Room","temperature":5,"humidity":50}"#)
    let keyValues = await send("POST", "/v2/op/notify?options=keyValues", #"{"data": []}"#)
    XCTAssertEqual(keyValues.status, 400)
    let noData = await send("POST", "/v2/op/notify", #"{"subscriptionId": "abc"}"#)
    XCTAssertEqual(noData.status, 400)
    let method = await send("GET", "/v2/op/notify")
    XCTAssertEqual(method.status, 405)
  }
}
