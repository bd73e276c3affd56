import Foundation
import RenkeiBroker
import RenkeiCore
import RenkeiHTTP
import XCTest

/// Both faces over one store, over real HTTP on 127.0.0.1 port 0: what one face writes, the other
/// reads, updates and deletes; tenants and subscriptions are shared.
final class CombinedBrokerTests: XCTestCase {
  var broker: CombinedBroker!
  var server: HTTPServer!
  var client: HTTPClientSession!

  override func setUp() async throws {
    broker = CombinedBroker(contextFetching: .none)
    server = try await broker.serve(host: "127.0.0.1", port: 0)
    client = HTTPClientSession()
  }

  override func tearDown() async throws {
    await client.shutdown()
    await server.shutdown()
    await broker.shutdown()
  }

  struct Answer {
    var status: Int
    var text: String
    var body: JSONTree?
  }

  /// A request to `path` below the server (`/v2/…` or `/ngsi-ld/v1/…`).
  @discardableResult
  func send(_ method: String, _ path: String, _ body: String? = nil, headers extra: [(String, String)] = [])
    async throws -> Answer
  {
    var headers = HTTPHeaderFields()
    if body != nil { headers.add("Content-Type", "application/json") }
    for (name, value) in extra { headers.add(name, value) }
    let response = try await client.send(
      HTTPRequestMessage(
        method: method, target: server.baseURL + path, headers: headers, body: Array((body ?? "").utf8)))
    return Answer(status: response.status, text: response.bodyText, body: try? JSONTree.parse(response.body))
  }

  let v2Room = #"""
    {"id": "urn:ngsi-ld:Room:1", "type": "Room",
     "temperature": {"value": 21, "type": "Number", "metadata": {"unitCode": {"type": "Text", "value": "CEL"}}},
     "owner": {"value": "urn:ngsi-ld:Person:1", "type": "Relationship"},
     "location": {"value": {"type": "Point", "coordinates": [139.7, 35.6]}, "type": "geo:json"}}
    """#

  func testCreatedThroughV2ReadThroughNGSILD() async throws {
    let created = try await send("POST", "/v2/entities", v2Room)
    XCTAssertEqual(created.status, 201)
    let normalized = try await send("GET", "/ngsi-ld/v1/entities/urn:ngsi-ld:Room:1")
    XCTAssertEqual(normalized.status, 200)
    XCTAssertEqual(
      normalized.text,
      #"{"id":"urn:ngsi-ld:Room:1","type":"Room","temperature":{"type":"Property","value":21,"unitCode":"CEL"},"#
        + #""owner":{"type":"Relationship","object":"urn:ngsi-ld:Person:1"},"#
        + #""location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[139.7,35.6]}}}"#)
    let keyValues = try await send("GET", "/ngsi-ld/v1/entities/urn:ngsi-ld:Room:1?options=keyValues")
    XCTAssertEqual(
      keyValues.text,
      #"{"id":"urn:ngsi-ld:Room:1","type":"Room","temperature":21,"owner":"urn:ngsi-ld:Person:1","#
        + #""location":{"type":"Point","coordinates":[139.7,35.6]}}"#)
    let query = try await send("GET", "/ngsi-ld/v1/entities?type=Room&q=temperature==21")
    XCTAssertEqual(query.body?.array?.count, 1)
    // Read back through v2: the v2 form is unchanged (types and metadata included).
    let v2 = try await send("GET", "/v2/entities/urn:ngsi-ld:Room:1?options=keyValues")
    XCTAssertEqual(
      v2.text,
      #"{"id":"urn:ngsi-ld:Room:1","type":"Room","temperature":21,"owner":"urn:ngsi-ld:Person:1","#
        + #""location":{"type":"Point","coordinates":[139.7,35.6]}}"#)
    let attribute = try await send("GET", "/v2/entities/urn:ngsi-ld:Room:1/attrs/temperature")
    XCTAssertEqual(
      attribute.text, #"{"type":"Number","value":21,"metadata":{"unitCode":{"type":"Text","value":"CEL"}}}"#)
  }

  func testV2DateTimeIsQueriedAsDateTimeThroughNGSILD() async throws {
    try await send(
      "POST", "/v2/entities",
      #"{"id": "urn:ngsi-ld:Event:1", "type": "Event", "start": {"type": "DateTime", "value": "2026-04-01T10:00:00Z"}}"#
    )
    let normalized = try await send("GET", "/ngsi-ld/v1/entities/urn:ngsi-ld:Event:1?attrs=start")
    XCTAssertEqual(normalized.body?["start"]?["value"]?["@type"], .string("DateTime"))
    let later = try await send("GET", "/ngsi-ld/v1/entities?type=Event&q=start>2026-03-01T00:00:00Z")
    XCTAssertEqual(later.body?.array?.count, 1)
    let earlier = try await send("GET", "/ngsi-ld/v1/entities?type=Event&q=start<2026-03-01T00:00:00Z")
    XCTAssertEqual(earlier.body?.array?.count, 0)
  }

  func testCreatedThroughNGSILDReadThroughV2() async throws {
    let created = try await send(
      "POST", "/ngsi-ld/v1/entities",
      #"""
      {"id": "urn:ngsi-ld:Park:1", "type": "Park",
       "visitors": {"type": "Property", "value": 120, "observedAt": "2026-01-01T09:00:00Z"},
       "name": {"type": "LanguageProperty", "languageMap": {"ja": "公園", "en": "Park"}}}
      """#)
    XCTAssertEqual(created.status, 201)
    let read = try await send("GET", "/v2/entities/urn:ngsi-ld:Park:1?attrs=visitors,name")
    XCTAssertEqual(read.status, 200)
    XCTAssertEqual(
      read.text,
      #"{"id":"urn:ngsi-ld:Park:1","type":"Park","#
        + #""visitors":{"type":"Number","value":120,"metadata":{"TimeInstant":{"type":"DateTime","value":"2026-01-01T09:00:00Z"}}},"#
        + #""name":{"type":"LanguageProperty","value":{"ja":"公園","en":"Park"},"metadata":{}}}"#)
    let listed = try await send("GET", "/v2/entities?type=Park&q=visitors>100&options=keyValues&attrs=visitors")
    XCTAssertEqual(listed.text, #"[{"id":"urn:ngsi-ld:Park:1","type":"Park","visitors":120}]"#)
  }

  func testUpdatesSeenByTheOtherFace() async throws {
    try await send("POST", "/v2/entities", v2Room)
    let patched = try await send("PATCH", "/v2/entities/urn:ngsi-ld:Room:1/attrs", #"{"temperature": {"value": 23}}"#)
    XCTAssertEqual(patched.status, 204)
    let throughLD = try await send("GET", "/ngsi-ld/v1/entities/urn:ngsi-ld:Room:1?options=keyValues&attrs=temperature")
    XCTAssertEqual(throughLD.body?["temperature"], .number("23"))
    let ldPatch = try await send(
      "PATCH", "/ngsi-ld/v1/entities/urn:ngsi-ld:Room:1/attrs", #"{"temperature": {"type": "Property", "value": 25}}"#)
    XCTAssertEqual(ldPatch.status, 204)
    let throughV2 = try await send("GET", "/v2/entities/urn:ngsi-ld:Room:1/attrs/temperature/value")
    XCTAssertEqual(throughV2.text, "25")
    // Untouched attributes keep their v2 form after an NGSI-LD change of another one.
    let owner = try await send("GET", "/v2/entities/urn:ngsi-ld:Room:1/attrs/owner")
    XCTAssertEqual(owner.body?["type"], .string("Relationship"))
  }

  func testDeletesSeenByTheOtherFace() async throws {
    try await send("POST", "/v2/entities", v2Room)
    let deleted = try await send("DELETE", "/ngsi-ld/v1/entities/urn:ngsi-ld:Room:1")
    XCTAssertEqual(deleted.status, 204)
    let gone = try await send("GET", "/v2/entities/urn:ngsi-ld:Room:1")
    XCTAssertEqual(gone.status, 404)

    try await send("POST", "/ngsi-ld/v1/entities", #"{"id": "urn:ngsi-ld:Room:2", "type": "Room", "t": 1}"#)
    let v2Delete = try await send("DELETE", "/v2/entities/urn:ngsi-ld:Room:2")
    XCTAssertEqual(v2Delete.status, 204)
    let goneLD = try await send("GET", "/ngsi-ld/v1/entities/urn:ngsi-ld:Room:2")
    XCTAssertEqual(goneLD.status, 404)
    // An attribute deleted through v2 is gone from NGSI-LD.
    try await send("POST", "/v2/entities", v2Room)
    try await send("DELETE", "/v2/entities/urn:ngsi-ld:Room:1/attrs/owner")
    let room = try await send("GET", "/ngsi-ld/v1/entities/urn:ngsi-ld:Room:1")
    XCTAssertNil(room.body?["owner"])
    XCTAssertNotNil(room.body?["temperature"])
  }

  func testTenantsAreShared() async throws {
    let created = try await send("POST", "/v2/entities", v2Room, headers: [("Fiware-Service", "city")])
    XCTAssertEqual(created.status, 201)
    let inTenant = try await send(
      "GET", "/ngsi-ld/v1/entities/urn:ngsi-ld:Room:1", headers: [("NGSILD-Tenant", "city")])
    XCTAssertEqual(inTenant.status, 200)
    let inDefault = try await send("GET", "/ngsi-ld/v1/entities/urn:ngsi-ld:Room:1")
    XCTAssertEqual(inDefault.status, 404)
    try await send(
      "POST", "/ngsi-ld/v1/entities", #"{"id": "urn:ngsi-ld:Room:9", "type": "Room"}"#,
      headers: [("NGSILD-Tenant", "city")])
    let listed = try await send("GET", "/v2/entities?options=keyValues", headers: [("Fiware-Service", "city")])
    XCTAssertEqual(listed.body?.array?.compactMap { $0["id"]?.string }, ["urn:ngsi-ld:Room:1", "urn:ngsi-ld:Room:9"])
  }

  func testV2IdsThatAreNotURIsStayInV2() async throws {
    let created = try await send("POST", "/v2/entities", #"{"id": "Room1", "type": "Room"}"#)
    XCTAssertEqual(created.status, 201)
    let listed = try await send("GET", "/ngsi-ld/v1/entities?type=Room")
    XCTAssertEqual(listed.text, "[]")
    let v2 = try await send("GET", "/v2/entities/Room1")
    XCTAssertEqual(v2.status, 200)
  }

  func testSameIdWithAnotherTypeIsV2Only() async throws {
    try await send("POST", "/v2/entities", #"{"id": "urn:ngsi-ld:Thing:1", "type": "Room", "a": {"value": 1}}"#)
    let twin = try await send(
      "POST", "/v2/entities", #"{"id": "urn:ngsi-ld:Thing:1", "type": "Office", "b": {"value": 2}}"#)
    XCTAssertEqual(twin.status, 201)
    let ambiguous = try await send("GET", "/v2/entities/urn:ngsi-ld:Thing:1")
    XCTAssertEqual(ambiguous.status, 409)
    let office = try await send("GET", "/v2/entities/urn:ngsi-ld:Thing:1?type=Office&options=keyValues")
    XCTAssertEqual(office.text, #"{"id":"urn:ngsi-ld:Thing:1","type":"Office","b":2}"#)
    // NGSI-LD, which keys entities by id alone, sees the first one.
    let ld = try await send("GET", "/ngsi-ld/v1/entities/urn:ngsi-ld:Thing:1?options=keyValues")
    XCTAssertEqual(ld.text, #"{"id":"urn:ngsi-ld:Thing:1","type":"Room","a":1}"#)
    let deleted = try await send("DELETE", "/v2/entities/urn:ngsi-ld:Thing:1?type=Office")
    XCTAssertEqual(deleted.status, 204)
    let still = try await send("GET", "/ngsi-ld/v1/entities/urn:ngsi-ld:Thing:1")
    XCTAssertEqual(still.status, 200)
  }

  func testSubscriptionsFireAcrossFaces() async throws {
    let received = Received()
    let receiver = try await HTTPServer.start(host: "127.0.0.1", port: 0, maximumBodySize: 1 << 20) { request in
      await received.add(request.path, (try? JSONTree.parse(request.body)) ?? .null)
      return HTTPResponseMessage(status: 204)
    }
    defer { Task { await receiver.shutdown() } }
    let ldSubscription = try await send(
      "POST", "/ngsi-ld/v1/subscriptions",
      #"""
      {"id": "urn:ngsi-ld:Subscription:ld", "type": "Subscription", "entities": [{"type": "Room"}],
       "notification": {"endpoint": {"uri": "\#(receiver.baseURL)/ld", "accept": "application/json"}}}
      """#)
    XCTAssertEqual(ldSubscription.status, 201)
    let v2Subscription = try await send(
      "POST", "/v2/subscriptions",
      #"{"subject": {"entities": [{"idPattern": ".*", "type": "Park"}]}, "notification": {"http": {"url": "\#(receiver.baseURL)/v2"}}}"#
    )
    XCTAssertEqual(v2Subscription.status, 201)

    try await send("POST", "/v2/entities", v2Room)
    try await send("POST", "/ngsi-ld/v1/entities", #"{"id": "urn:ngsi-ld:Park:1", "type": "Park", "visitors": 3}"#)
    let ld = try await received.first("/ld")
    XCTAssertEqual(ld["data"]?.array?.first?["id"], .string("urn:ngsi-ld:Room:1"))
    XCTAssertEqual(ld["data"]?.array?.first?["temperature"]?["value"], .number("21"))
    let v2 = try await received.first("/v2")
    XCTAssertEqual(v2["data"]?.array?.first?["id"], .string("urn:ngsi-ld:Park:1"))
    XCTAssertEqual(v2["data"]?.array?.first?["visitors"]?["type"], .string("Number"))
  }

  func testUpdatesNotifyTheOtherFacesWatchers() async throws {
    let received = Received()
    let receiver = try await HTTPServer.start(host: "127.0.0.1", port: 0, maximumBodySize: 1 << 20) { request in
      await received.add(request.path, (try? JSONTree.parse(request.body)) ?? .null)
      return HTTPResponseMessage(status: 204)
    }
    defer { Task { await receiver.shutdown() } }
    try await send("POST", "/v2/entities", v2Room)
    try await send(
      "POST", "/ngsi-ld/v1/subscriptions",
      #"""
      {"id": "urn:ngsi-ld:Subscription:ld", "type": "Subscription", "entities": [{"type": "Room"}],
       "watchedAttributes": ["temperature"],
       "notification": {"endpoint": {"uri": "\#(receiver.baseURL)/ld", "accept": "application/json"}}}
      """#)
    try await send(
      "POST", "/v2/subscriptions",
      #"""
      {"subject": {"entities": [{"idPattern": ".*", "type": "Room"}], "condition": {"attrs": ["owner"]}},
       "notification": {"http": {"url": "\#(receiver.baseURL)/v2"}}}
      """#)
    // v2 changes temperature: the NGSI-LD watcher hears it.
    try await send("PATCH", "/v2/entities/urn:ngsi-ld:Room:1/attrs", #"{"temperature": {"value": 30}}"#)
    let ld = try await received.first("/ld")
    XCTAssertEqual(ld["data"]?.array?.first?["temperature"]?["value"], .number("30"))
    // NGSI-LD changes owner: the v2 watcher hears it, in v2 form.
    try await send(
      "PATCH", "/ngsi-ld/v1/entities/urn:ngsi-ld:Room:1/attrs",
      #"{"owner": {"type": "Relationship", "object": "urn:ngsi-ld:Person:2"}}"#)
    let v2 = try await received.first("/v2")
    XCTAssertEqual(v2["data"]?.array?.first?["owner"]?["type"], .string("Relationship"))
    XCTAssertEqual(v2["data"]?.array?.first?["owner"]?["value"], .string("urn:ngsi-ld:Person:2"))
  }

  /// Notifications a test receiver got, by path.
  actor Received {
    var bodies: [(path: String, body: JSONTree)] = []

    func add(_ path: String, _ body: JSONTree) { bodies.append((path, body)) }

    /// The first body sent to `path`, waiting up to five seconds.
    func first(_ path: String) async throws -> JSONTree {
      for _ in 0..<100 {
        if let hit = bodies.first(where: { $0.path == path }) { return hit.body }
        try await Task.sleep(for: .milliseconds(50))
      }
      XCTFail("no notification at \(path)")
      return .null
    }
  }
}
