import Foundation
import RenkeiCore
import RenkeiHTTP
import XCTest

@testable import RenkeiConvert

/// `--post` against renkei's test HTTP server on 127.0.0.1 (no network).
final class EntityPosterTests: XCTestCase {
  final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var received: [HTTPRequestMessage] = []
    var requests: [HTTPRequestMessage] { lock.withLock { received } }
    func add(_ request: HTTPRequestMessage) -> Int {
      lock.withLock {
        received.append(request)
        return received.count
      }
    }
  }

  /// Hands `items` to `poster` off the test's task, as the conversion runner does, and waits.
  func post(_ items: [(Int, String, ArraySlice<UInt8>)], to poster: EntityPoster) async {
    await Task.detached {
      for (row, id, json) in items { poster.add(row: row, id: id, json: json) }
      poster.finish()
    }.value
  }

  func entities(_ count: Int) -> [(Int, String, ArraySlice<UInt8>)] {
    (1...count).map { index in
      let id = "urn:ngsi-ld:PointOfInterest:\(index)"
      return (index + 1, id, ArraySlice(Array(#"{"id":"\#(id)","type":"PointOfInterest"}"#.utf8 + [0x0A])))
    }
  }

  func testNGSILDBatchUpsertWithTenantTokenAndPartialFailure() async throws {
    let recorder = Recorder()
    let server = try await HTTPServer.start { request in
      _ = recorder.add(request)
      let body =
        #"{"success":["urn:ngsi-ld:PointOfInterest:1"],"errors":[{"entityId":"urn:ngsi-ld:PointOfInterest:2","error":{"type":"https://uri.etsi.org/ngsi-ld/errors/BadRequestData","title":"Bad request data"}}]}"#
      if String(decoding: request.body, as: UTF8.self).contains("PointOfInterest:2") {
        return HTTPResponseMessage(status: 207, text: body)
      }
      return HTTPResponseMessage(status: 204)
    }
    let poster = EntityPoster(
      options: .init(url: server.baseURL, dialect: .ngsiLD, tenant: "yaizu", token: "secret", batchSize: 2),
      file: "in.csv")
    await post(entities(3), to: poster)
    await server.shutdown()
    let requests = recorder.requests
    XCTAssertEqual(requests.count, 2)
    XCTAssertEqual(requests[0].path, "/ngsi-ld/v1/entityOperations/upsert")
    XCTAssertEqual(requests[0].headers["NGSILD-Tenant"], "yaizu")
    XCTAssertEqual(requests[0].headers["Authorization"], "Bearer secret")
    XCTAssertEqual(requests[0].headers["Content-Type"], "application/ld+json")
    let batch = try JSONParser().parse(requests[0].body).document.root
    XCTAssertEqual(batch.count, 2)
    XCTAssertEqual(poster.accepted, 2)
    XCTAssertEqual(poster.failed, 1)
    XCTAssertEqual(poster.findings.map(\.ruleID), ["convert-post-rejected"])
    XCTAssertEqual(poster.findings.first?.location.row, 3)
    XCTAssertTrue(poster.findings.first?.message.contains("Bad request data") ?? false)
  }

  func testNGSIv2RetriesServerErrorsThenGivesUp() async throws {
    let recorder = Recorder()
    let server = try await HTTPServer.start { request in
      let count = recorder.add(request)
      if count == 1 { return HTTPResponseMessage(status: 503, text: "busy") }
      if count == 2 { return HTTPResponseMessage(status: 204) }
      return HTTPResponseMessage(status: 500, text: #"{"error":"InternalError","description":"database down"}"#)
    }
    let poster = EntityPoster(
      options: .init(
        url: server.baseURL, dialect: .ngsiV2, keyValues: true, tenant: "city", servicePath: "/aed", batchSize: 2,
        retries: 1, backoff: .milliseconds(10)),
      file: "in.csv")
    await post(entities(4), to: poster)
    await server.shutdown()
    let requests = recorder.requests
    // Batch 1: 503 then 204; batch 2: 500, retried once, 500 again.
    XCTAssertEqual(requests.count, 4)
    XCTAssertEqual(requests[0].target, "/v2/op/update?options=keyValues")
    XCTAssertEqual(requests[0].headers["Fiware-Service"], "city")
    XCTAssertEqual(requests[0].headers["Fiware-ServicePath"], "/aed")
    let body = try JSONParser().parse(requests[0].body).document.root
    XCTAssertEqual(body["actionType"]?.string, "append")
    XCTAssertEqual(body["entities"]?.count, 2)
    XCTAssertEqual(poster.accepted, 2)
    XCTAssertEqual(poster.failed, 2)
    XCTAssertEqual(poster.findings.compactMap(\.location.row), [4, 5])
    XCTAssertTrue(poster.findings[0].message.contains("InternalError: database down"), poster.findings[0].message)
  }

  func testUnreachableBrokerFailsEveryEntity() async throws {
    // A port that was just closed refuses connections.
    let server = try await HTTPServer.start { _ in HTTPResponseMessage(status: 204) }
    let url = server.baseURL
    await server.shutdown()
    let poster = EntityPoster(
      options: .init(url: url, dialect: .ngsiLD, timeout: .seconds(1), retries: 1, backoff: .milliseconds(10)),
      file: "in.csv")
    await post(entities(2), to: poster)
    XCTAssertEqual(poster.accepted, 0)
    XCTAssertEqual(poster.failed, 2)
    XCTAssertEqual(poster.requests, 2)
  }
}
