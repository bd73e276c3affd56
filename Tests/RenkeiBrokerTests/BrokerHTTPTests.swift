import Foundation
import RenkeiBroker
import RenkeiCore
import RenkeiHTTP
import XCTest

/// The broker over real HTTP on 127.0.0.1, port 0.
final class BrokerHTTPTests: XCTestCase {
  var broker: NGSILDBroker!
  var server: HTTPServer!
  var client: HTTPClientSession!

  override func setUp() async throws {
    broker = NGSILDBroker()
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
    var headers: HTTPHeaderFields
    var body: JSONTree?
    var text: String
  }

  @discardableResult
  func send(
    _ method: String, _ path: String, _ body: String? = nil, contentType: String = "application/json",
    headers extra: [(String, String)] = []
  ) async throws -> Answer {
    var headers = HTTPHeaderFields()
    if body != nil { headers.add("Content-Type", contentType) }
    for (name, value) in extra { headers.add(name, value) }
    let response = try await client.send(
      HTTPRequestMessage(
        method: method, target: server.baseURL + "/ngsi-ld/v1" + path, headers: headers,
        body: Array((body ?? "").utf8)))
    return Answer(
      status: response.status, headers: response.headers, body: try? JSONTree.parse(response.body),
      text: response.bodyText)
  }

  func vehicle(_ id: String, speed: Int = 80, extra: String = "") -> String {
    """
    {"id": "\(id)", "type": "Vehicle", "speed": {"type": "Property", "value": \(speed)},
     "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [139.7, 35.6]}}\(extra)}
    """
  }

  func testCreateRetrieveDelete() async throws {
    let created = try await send("POST", "/entities", vehicle("urn:ngsi-ld:Vehicle:1"))
    XCTAssertEqual(created.status, 201)
    XCTAssertEqual(created.headers["Location"], "/ngsi-ld/v1/entities/urn:ngsi-ld:Vehicle:1")
    let again = try await send("POST", "/entities", vehicle("urn:ngsi-ld:Vehicle:1"))
    XCTAssertEqual(again.status, 409)
    XCTAssertEqual(again.body?["type"], .string("https://uri.etsi.org/ngsi-ld/errors/AlreadyExists"))
    XCTAssertEqual(again.headers["Content-Type"], "application/json")
    let got = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:1")
    XCTAssertEqual(got.status, 200)
    XCTAssertEqual(got.body?["speed"]?["value"], .number("80"))
    XCTAssertEqual(got.body?["type"], .string("Vehicle"))
    XCTAssertNotNil(got.headers["Link"])
    let keyValues = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:1?options=keyValues,sysAttrs")
    XCTAssertEqual(keyValues.body?["speed"], .number("80"))
    let sys = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:1?options=sysAttrs")
    XCTAssertNotNil(sys.body?["createdAt"])
    let ld = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:1", headers: [("Accept", "application/ld+json")])
    XCTAssertEqual(ld.headers["Content-Type"], "application/ld+json")
    XCTAssertNotNil(ld.body?["@context"])
    let geo = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:1", headers: [("Accept", "application/geo+json")])
    XCTAssertEqual(geo.body?["type"], .string("Feature"))
    let value1 = try await send("DELETE", "/entities/urn:ngsi-ld:Vehicle:1").status
    XCTAssertEqual(value1, 204)
    let gone = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:1")
    XCTAssertEqual(gone.status, 404)
    XCTAssertEqual(gone.body?["type"], .string("https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound"))
  }

  func testBadRequests() async throws {
    func problem(_ answer: Answer) -> String? { answer.body?["type"]?.string?.components(separatedBy: "/").last }
    var answer = try await send("POST", "/entities", #"{"id": "not a uri", "type": "T"}"#)
    XCTAssertEqual(answer.status, 400)
    XCTAssertEqual(problem(answer), "BadRequestData")
    answer = try await send("POST", "/entities", #"{"id": "urn:x"}"#)
    XCTAssertEqual(problem(answer), "BadRequestData")
    answer = try await send("POST", "/entities", #"{"id": "urn:x", "#)
    XCTAssertEqual(answer.status, 400)
    XCTAssertEqual(problem(answer), "InvalidRequest")
    answer = try await send("POST", "/entities", String(repeating: "[", count: 5000))
    XCTAssertEqual(answer.status, 400)
    answer = try await send("POST", "/entities", #"{"id": "urn:x", "type": "T", "@context": []}"#)
    XCTAssertEqual(problem(answer), "BadRequestData")
    answer = try await send("POST", "/entities", #"{"id": "urn:x", "type": "T"}"#, contentType: "application/ld+json")
    XCTAssertEqual(problem(answer), "BadRequestData")
    answer = try await send("POST", "/entities", #"{"id": "urn:x", "type": "T"}"#, contentType: "text/plain")
    XCTAssertEqual(answer.status, 415)
    answer = try await send("GET", "/entities?type=T", headers: [("Accept", "text/html")])
    XCTAssertEqual(answer.status, 406)
    answer = try await send("GET", "/entities")
    XCTAssertEqual(problem(answer), "BadRequestData")
    answer = try await send("GET", "/entities?type=T&q=speed>")
    XCTAssertEqual(problem(answer), "BadRequestData")
    answer = try await send("GET", "/entities?type=T&georel=near;maxDistance==10")
    XCTAssertEqual(problem(answer), "BadRequestData")
    answer = try await send("GET", "/entities/not-a-uri")
    XCTAssertEqual(problem(answer), "BadRequestData")
    answer = try await send(
      "POST", "/entities", #"{"id": "urn:x", "type": "T", "@context": "https://example.org/none.jsonld"}"#,
      contentType: "application/ld+json")
    XCTAssertEqual(answer.status, 504)
    XCTAssertEqual(problem(answer), "LdContextNotAvailable")
    answer = try await send("GET", "/entities?type=T", headers: [("NGSILD-Tenant", "nobody")])
    XCTAssertEqual(answer.status, 404)
    XCTAssertEqual(problem(answer), "NonexistentTenant")
    answer = try await send("PUT", "/entities")
    XCTAssertEqual(answer.status, 405)
  }

  func testQueryPaginationAndCount() async throws {
    for i in 1...5 {
      try await send("POST", "/entities", vehicle("urn:ngsi-ld:Vehicle:q\(i)", speed: i * 10))
    }
    let fast = try await send("GET", "/entities?type=Vehicle&q=speed>25")
    XCTAssertEqual(fast.body?.array?.count, 3)
    let page = try await send("GET", "/entities?type=Vehicle&limit=2&offset=2&count=true")
    XCTAssertEqual(page.body?.array?.count, 2)
    XCTAssertEqual(page.headers["NGSILD-Results-Count"], "5")
    let links = page.headers.values("Link").joined(separator: " ")
    XCTAssertTrue(links.contains("rel=\"next\""), links)
    XCTAssertTrue(links.contains("rel=\"prev\""), links)
    let byId = try await send("GET", "/entities?id=urn:ngsi-ld:Vehicle:q1,urn:ngsi-ld:Vehicle:q2&attrs=speed")
    XCTAssertEqual(byId.body?.array?.count, 2)
    XCTAssertNil(byId.body?.array?.first?["location"])
    let near = try await send(
      "GET", "/entities?type=Vehicle&georel=near;maxDistance==1000&geometry=Point&coordinates=%5B139.7,35.6%5D")
    XCTAssertEqual(near.body?.array?.count, 5)
    let pattern = try await send("GET", "/entities?idPattern=.*q[12]$")
    XCTAssertEqual(pattern.body?.array?.count, 2)
    let types = try await send("GET", "/types")
    XCTAssertEqual(types.body?["typeList"], .array([.string("Vehicle")]))
    let type = try await send("GET", "/types/Vehicle")
    XCTAssertEqual(type.body?["entityCount"], .number("5"))
    let attributes = try await send("GET", "/attributes/speed")
    XCTAssertEqual(attributes.body?["attributeCount"], .number("5"))
    let value2 = try await send("GET", "/attributes/nothing").status
    XCTAssertEqual(value2, 404)
  }

  func testAttributesAndMerge() async throws {
    try await send("POST", "/entities", vehicle("urn:ngsi-ld:Vehicle:a"))
    var answer = try await send(
      "POST", "/entities/urn:ngsi-ld:Vehicle:a/attrs?options=noOverwrite",
      #"{"speed": {"type": "Property", "value": 1}, "brand": {"type": "Property", "value": "M"}}"#)
    XCTAssertEqual(answer.status, 207)
    XCTAssertEqual(answer.body?["updated"], .array([.string("brand")]))
    answer = try await send(
      "PATCH", "/entities/urn:ngsi-ld:Vehicle:a/attrs",
      #"{"speed": {"type": "Property", "value": 5}, "colour": {"type": "Property", "value": "red"}}"#)
    XCTAssertEqual(answer.status, 207)
    answer = try await send("PATCH", "/entities/urn:ngsi-ld:Vehicle:a/attrs/speed", #"{"value": 7}"#)
    XCTAssertEqual(answer.status, 204)
    answer = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:a?options=keyValues")
    XCTAssertEqual(answer.body?["speed"], .number("7"))
    answer = try await send("PATCH", "/entities/urn:ngsi-ld:Vehicle:a", #"{"brand": "urn:ngsi-ld:null", "seats": 4}"#)
    XCTAssertEqual(answer.status, 204)
    answer = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:a?options=keyValues")
    XCTAssertNil(answer.body?["brand"])
    XCTAssertEqual(answer.body?["seats"], .number("4"))
    let value3 = try await send("DELETE", "/entities/urn:ngsi-ld:Vehicle:a/attrs/seats").status
    XCTAssertEqual(value3, 204)
    let value4 = try await send("DELETE", "/entities/urn:ngsi-ld:Vehicle:a/attrs/seats").status
    XCTAssertEqual(value4, 404)
    let value5 = try await send(
      "PUT", "/entities/urn:ngsi-ld:Vehicle:a/attrs/speed", #"{"type": "Property", "value": 9}"#
    ).status
    XCTAssertEqual(value5, 204)
    let value6 = try await send("PUT", "/entities/urn:ngsi-ld:Vehicle:a", #"{"type": "Car", "wheels": 4}"#).status
    XCTAssertEqual(value6, 204)
    answer = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:a?options=keyValues")
    XCTAssertEqual(answer.body, try JSONTree.parse(#"{"id": "urn:ngsi-ld:Vehicle:a", "type": "Car", "wheels": 4}"#))
  }

  func testBatchOperations() async throws {
    var answer = try await send(
      "POST", "/entityOperations/create",
      "[\(vehicle("urn:ngsi-ld:Vehicle:b1")), \(vehicle("urn:ngsi-ld:Vehicle:b2"))]")
    XCTAssertEqual(answer.status, 201)
    XCTAssertEqual(answer.body?.array?.count, 2)
    answer = try await send(
      "POST", "/entityOperations/create", "[\(vehicle("urn:ngsi-ld:Vehicle:b1")), \(vehicle("urn:ngsi-ld:Vehicle:b3"))]"
    )
    XCTAssertEqual(answer.status, 207)
    XCTAssertEqual(answer.body?["success"], .array([.string("urn:ngsi-ld:Vehicle:b3")]))
    XCTAssertEqual(
      answer.body?["errors"]?.array?.first?["error"]?["type"],
      .string("https://uri.etsi.org/ngsi-ld/errors/AlreadyExists"))
    answer = try await send("POST", "/entityOperations/upsert", "[\(vehicle("urn:ngsi-ld:Vehicle:b1", speed: 1))]")
    XCTAssertEqual(answer.status, 204)
    answer = try await send("POST", "/entityOperations/upsert", "[\(vehicle("urn:ngsi-ld:Vehicle:b4"))]")
    XCTAssertEqual(answer.status, 201)
    answer = try await send(
      "POST", "/entityOperations/update", #"[{"id": "urn:ngsi-ld:Vehicle:b1", "type": "Vehicle", "speed": 3}]"#)
    XCTAssertEqual(answer.status, 204)
    answer = try await send(
      "POST", "/entityOperations/query", #"{"type": "Query", "entities": [{"type": "Vehicle"}], "q": "speed<10"}"#)
    XCTAssertEqual(answer.body?.array?.count, 1)
    answer = try await send(
      "POST", "/entityOperations/delete", #"["urn:ngsi-ld:Vehicle:b1", "urn:ngsi-ld:Vehicle:none"]"#)
    XCTAssertEqual(answer.status, 207)
    XCTAssertEqual(answer.body?["success"], .array([.string("urn:ngsi-ld:Vehicle:b1")]))
  }

  func testNullMarkerDeletesOneInstanceAndScopes() async throws {
    try await send(
      "POST", "/entities",
      #"{"id": "urn:ngsi-ld:Building:n", "type": "Building", "scope": "/France/Paris", "name": [{"type": "Property", "value": "Eiffel Tower"}, {"type": "Property", "value": "Tour Eiffel", "datasetId": "urn:ngsi-ld:Dataset:french"}]}"#
    )
    let patched = try await send(
      "PATCH", "/entities/urn:ngsi-ld:Building:n/attrs",
      #"{"name": {"type": "Property", "value": "urn:ngsi-ld:null", "datasetId": "urn:ngsi-ld:Dataset:french"}}"#)
    XCTAssertEqual(patched.status, 204)
    var got = try await send("GET", "/entities/urn:ngsi-ld:Building:n")
    XCTAssertEqual(got.body?["name"], try JSONTree.parse(#"{"type": "Property", "value": "Eiffel Tower"}"#))
    let exact = try await send("GET", "/entities?type=Building&scopeQ=/France/Paris")
    XCTAssertEqual(exact.body?.array?.count, 1)
    let parent = try await send("GET", "/entities?type=Building&scopeQ=/France")
    XCTAssertEqual(parent.body?.array?.count, 0)
    let below = try await send("GET", "/entities?type=Building&scopeQ=/France/%23")
    XCTAssertEqual(below.body?.array?.count, 1)
    let level = try await send("GET", "/entities?type=Building&scopeQ=/%2B/Paris")
    XCTAssertEqual(level.body?.array?.count, 1)
    try await send("POST", "/entities/urn:ngsi-ld:Building:n/attrs?options=noOverwrite", #"{"scope": "/Japan"}"#)
    got = try await send("GET", "/entities/urn:ngsi-ld:Building:n")
    XCTAssertEqual(got.body?["scope"], .array([.string("/France/Paris"), .string("/Japan")]))
    let deleted = try await send("DELETE", "/entities/urn:ngsi-ld:Building:n/attrs/scope")
    XCTAssertEqual(deleted.status, 204)
  }

  func testParameterValidation() async throws {
    try await send("POST", "/entities", vehicle("urn:ngsi-ld:Vehicle:p"))
    for query in [
      "/entities?type=Vehicle&unknown=1", "/entities?type=Vehicle&pick=a,,b", "/entities?type=Vehicle&pick=a{b",
      "/entities?type=Vehicle&attrs=speed&omit=speed", "/entities/urn:ngsi-ld:Vehicle:p?pick=",
    ] {
      let answer = try await send("GET", query)
      XCTAssertEqual(answer.status, 400, query)
    }
    let nothing = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:p?pick=colour")
    XCTAssertEqual(nothing.status, 404)
    let simplified = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:p?options=simplified")
    XCTAssertEqual(simplified.body?["speed"], .number("80"))
    let duplicates = try await send(
      "POST", "/entityOperations/create", "[\(vehicle("urn:ngsi-ld:Vehicle:d")), \(vehicle("urn:ngsi-ld:Vehicle:d"))]")
    XCTAssertEqual(duplicates.status, 201)
    XCTAssertEqual(duplicates.body, .array([.string("urn:ngsi-ld:Vehicle:d")]))
  }

  func testTenants() async throws {
    try await send("POST", "/entities", vehicle("urn:ngsi-ld:Vehicle:t"), headers: [("NGSILD-Tenant", "city")])
    let inTenant = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:t", headers: [("NGSILD-Tenant", "city")])
    XCTAssertEqual(inTenant.status, 200)
    let value7 = try await send("GET", "/entities/urn:ngsi-ld:Vehicle:t").status
    XCTAssertEqual(value7, 404)
  }

  func testSubscriptionNotifies() async throws {
    let received = Received()
    let receiver = try await HTTPServer.start { request in
      received.add(request)
      return HTTPResponseMessage(status: 200)
    }
    defer { Task { await receiver.shutdown() } }
    let subscription = """
      {"id": "urn:ngsi-ld:Subscription:s1", "type": "Subscription", "entities": [{"type": "Vehicle"}],
       "watchedAttributes": ["speed"], "q": "speed>50",
       "notification": {"attributes": ["speed"], "format": "keyValues",
                        "endpoint": {"uri": "\(receiver.baseURL)/notify", "accept": "application/json"}}}
      """
    let value8 = try await send("POST", "/subscriptions", subscription).status
    XCTAssertEqual(value8, 201)
    let value9 = try await send("POST", "/subscriptions", subscription).status
    XCTAssertEqual(value9, 409)
    let listed = try await send("GET", "/subscriptions")
    XCTAssertEqual(listed.body?.array?.first?["status"], .string("active"))
    try await send("POST", "/entities", vehicle("urn:ngsi-ld:Vehicle:slow", speed: 10))
    try await send("POST", "/entities", vehicle("urn:ngsi-ld:Vehicle:fast", speed: 90))
    let deadline = Date().addingTimeInterval(5)
    while received.count < 1 && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
    XCTAssertEqual(received.count, 1)
    let notification = try JSONTree.parse(received.first!.body)
    XCTAssertEqual(notification["type"], .string("Notification"))
    XCTAssertEqual(notification["subscriptionId"], .string("urn:ngsi-ld:Subscription:s1"))
    XCTAssertEqual(
      notification["data"],
      try JSONTree.parse(#"[{"id": "urn:ngsi-ld:Vehicle:fast", "type": "Vehicle", "speed": 90}]"#))
    XCTAssertNotNil(received.first!.headers["Link"])
    let value10 = try await send("PATCH", "/subscriptions/urn:ngsi-ld:Subscription:s1", #"{"isActive": false}"#).status
    XCTAssertEqual(value10, 204)
    let paused = try await send("GET", "/subscriptions/urn:ngsi-ld:Subscription:s1")
    XCTAssertEqual(paused.body?["status"], .string("paused"))
    let value11 = try await send("DELETE", "/subscriptions/urn:ngsi-ld:Subscription:s1").status
    XCTAssertEqual(value11, 204)
    let value12 = try await send("GET", "/subscriptions/urn:ngsi-ld:Subscription:s1").status
    XCTAssertEqual(value12, 404)
    let invalid = try await send("POST", "/subscriptions", #"{"type": "Subscription", "notification": {}}"#)
    XCTAssertEqual(invalid.status, 400)
  }

  func testManyConcurrentRequests() async throws {
    let client = self.client!
    let target = server.baseURL + "/ngsi-ld/v1/entities"
    let bodies = (0..<50).map { vehicle("urn:ngsi-ld:Vehicle:c\($0)") }
    try await withThrowingTaskGroup(of: Int.self) { group in
      for body in bodies {
        group.addTask {
          var headers = HTTPHeaderFields()
          headers.add("Content-Type", "application/json")
          let request = HTTPRequestMessage(method: "POST", target: target, headers: headers, body: Array(body.utf8))
          return try await client.send(request).status
        }
      }
      for try await status in group { XCTAssertEqual(status, 201) }
    }
    let count = try await send("GET", "/entities?type=Vehicle&count=true&limit=0")
    XCTAssertEqual(count.headers["NGSILD-Results-Count"], "50")
  }
}

final class Received: @unchecked Sendable {
  private var requests: [HTTPRequestMessage] = []
  private let lock = NSLock()
  func add(_ request: HTTPRequestMessage) { lock.withLock { requests.append(request) } }
  var count: Int { lock.withLock { requests.count } }
  var first: HTTPRequestMessage? { lock.withLock { requests.first } }
}
