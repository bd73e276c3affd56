import RenkeiCore
import RenkeiHTTP
import XCTest

@testable import RenkeiBroker

/// The NGSI v2 broker through `handle`, without a socket: routes, statuses and error bodies.
final class NGSIv2BrokerTests: XCTestCase {
  // Made per test and shut down: its notification client must not outlive it unclosed.
  var broker: NGSIv2Broker!

  override func setUp() async throws { broker = NGSIv2Broker() }

  override func tearDown() async throws { await broker.shutdown() }

  func send(
    _ method: String, _ target: String, _ body: String? = nil, headers: [(String, String)] = []
  ) async -> (status: Int, headers: HTTPHeaderFields, body: JSONTree?) {
    await broker.send(method, target, body, headers: headers)
  }

  func testEntityLifecycle() async throws {
    let created = await send("POST", "/v2/entities", #"{"id": "R1", "type": "Room", "t": {"value": 1}}"#)
    XCTAssertEqual(created.status, 201)
    XCTAssertEqual(created.headers["Location"], "/v2/entities/R1?type=Room")
    let status1 = (await send("POST", "/v2/entities", #"{"id": "R1", "type": "Room"}"#)).status
    XCTAssertEqual(status1, 422)
    let status2 = (await send("PATCH", "/v2/entities/R1/attrs", #"{"t": {"value": 2}}"#)).status
    XCTAssertEqual(status2, 204)
    let read = await send("GET", "/v2/entities/R1?options=keyValues")
    XCTAssertEqual(read.body?.description, #"{"id":"R1","type":"Room","t":2}"#)
    let status3 = (await send("DELETE", "/v2/entities/R1")).status
    XCTAssertEqual(status3, 204)
    let status4 = (await send("GET", "/v2/entities/R1")).status
    XCTAssertEqual(status4, 404)
  }

  func testErrorBodies() async throws {
    let missing = await send("GET", "/v2/entities/Nope")
    XCTAssertEqual(missing.status, 404)
    XCTAssertEqual(missing.body?["error"]?.string, "NotFound")
    XCTAssertNotNil(missing.body?["description"]?.string)
    let parse = await send("POST", "/v2/entities", #"{"id": "#)
    XCTAssertEqual(parse.status, 400)
    XCTAssertEqual(parse.body?["error"]?.string, "ParseError")
    let bad = await send("POST", "/v2/entities", #"{"type": "Room"}"#)
    XCTAssertEqual(bad.body?["error"]?.string, "BadRequest")
    let method = await send("DELETE", "/v2/entities")
    XCTAssertEqual(method.status, 405)
    XCTAssertEqual(method.headers["Allow"], "GET, POST")
    let media = await send("POST", "/v2/entities", #"{"id": "X"}"#, headers: [("Content-Type", "text/plain")])
    XCTAssertEqual(media.status, 415)
    XCTAssertEqual(media.body?["error"]?.string, "UnsupportedMediaType")
    let length = await broker.handle(HTTPRequestMessage(method: "POST", target: "/v2/entities"))
    XCTAssertEqual(length.status, 411)
    let large = String(repeating: " ", count: NGSIv2Broker.maximumPayloadSize + 1)
    let status5 = (await send("POST", "/v2/entities", large)).status
    XCTAssertEqual(status5, 413)
    let status6 = (await send("GET", "/v2/entities?limit=0")).status
    XCTAssertEqual(status6, 400)
    let status7 = (await send("GET", "/v2/entities?type=%3Cx%3E")).status
    XCTAssertEqual(status7, 400)
    let status8 = (await send("GET", "/ngsi-ld/v1/entities")).status
    XCTAssertEqual(status8, 404)
  }

  func testTenantsAndServicePaths() async throws {
    let tenantA = [("Fiware-Service", "TenantA"), ("Fiware-ServicePath", "/park/tree")]
    let status9 = (await send("POST", "/v2/entities", #"{"id": "T1", "type": "Tree"}"#, headers: tenantA)).status
    XCTAssertEqual(status9, 201)
    let status10 = (await send("GET", "/v2/entities/T1")).status
    XCTAssertEqual(status10, 404)
    let status11 = (await send("GET", "/v2/entities/T1", headers: [("Fiware-Service", "tenanta")])).status
    XCTAssertEqual(status11, 200)
    let scoped = await send(
      "GET", "/v2/entities", headers: [("Fiware-Service", "tenanta"), ("Fiware-ServicePath", "/park/#")])
    XCTAssertEqual(scoped.body?.array?.count, 1)
    let other = await send(
      "GET", "/v2/entities", headers: [("Fiware-Service", "tenanta"), ("Fiware-ServicePath", "/park")])
    XCTAssertEqual(other.body?.array?.count, 0)
    let status12 = (await send("GET", "/v2/entities", headers: [("Fiware-Service", "bad-name")])).status
    XCTAssertEqual(status12, 400)
  }

  func testBatchAndValue() async throws {
    let batch =
      #"{"actionType": "append", "entities": [{"id": "A", "n": {"value": 1}}, {"id": "B", "n": {"value": 2}}]}"#
    let status13 = (await send("POST", "/v2/op/update", batch)).status
    XCTAssertEqual(status13, 204)
    let query = await send("POST", "/v2/op/query?options=values,count&orderBy=!n", #"{"attrs": ["n"]}"#)
    XCTAssertEqual(query.body?.description, "[[2],[1]]")
    XCTAssertEqual(query.headers["Fiware-Total-Count"], "2")
    let value = await broker.handle(
      HTTPRequestMessage(
        method: "GET", target: "/v2/entities/A/attrs/n/value", headers: HTTPHeaderFields([("Accept", "text/plain")])))
    XCTAssertEqual(value.bodyText, "1")
    XCTAssertEqual(value.headers["Content-Type"], "text/plain")
    let update = await send(
      "POST", "/v2/op/update", #"{"actionType": "update", "entities": [{"id": "Z", "n": {"value": 1}}]}"#)
    XCTAssertEqual(update.status, 404)
    let types = await send("GET", "/v2/types/Thing")
    XCTAssertEqual(types.body?["count"]?.double, 2)
  }
}
