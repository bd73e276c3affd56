import Foundation
import RenkeiHTTP
import XCTest

/// `renkei serve both --port 0`: prints its URL and answers on both base paths over one store.
final class ServeBothCommandTests: XCTestCase {
  func testServeBothAnswersOnBothBasePaths() async throws {
    let (process, url) = try ServeCommandTests.launch(["serve", "both", "--port", "0"])
    defer {
      if process.isRunning { process.terminate() }
      process.waitUntilExit()
    }
    XCTAssertTrue(url.hasPrefix("http://127.0.0.1:"), url)

    let client = HTTPClientSession()
    var headers = HTTPHeaderFields()
    headers.add("Content-Type", "application/json")
    let created = try await client.send(
      HTTPRequestMessage(
        method: "POST", target: url + "/v2/entities", headers: headers,
        body: Array(#"{"id": "urn:ngsi-ld:Room:1", "type": "Room", "temperature": {"value": 21}}"#.utf8)),
      timeout: .seconds(10))
    let throughLD = try await client.send(
      HTTPRequestMessage(method: "GET", target: url + "/ngsi-ld/v1/entities/urn:ngsi-ld:Room:1?options=keyValues"),
      timeout: .seconds(10))
    let throughV2 = try await client.send(
      HTTPRequestMessage(method: "GET", target: url + "/v2/entities/urn:ngsi-ld:Room:1?options=keyValues"),
      timeout: .seconds(10))
    await client.shutdown()
    XCTAssertEqual(created.status, 201)
    XCTAssertEqual(throughLD.status, 200)
    XCTAssertEqual(throughLD.bodyText, #"{"id":"urn:ngsi-ld:Room:1","type":"Room","temperature":21}"#)
    XCTAssertEqual(throughV2.bodyText, #"{"id":"urn:ngsi-ld:Room:1","type":"Room","temperature":21}"#)
    process.terminate()
    process.waitUntilExit()
    XCTAssertFalse(process.isRunning)
  }

  /// The interop profile's self-check runs against both faces (its base path is empty) and every
  /// case can fail.
  func testInteropSelfCheckFindsNoVacuousCase() throws {
    let result = try RenkeiProcess.run(["test", "--profile", "interop", "--self-check", "--jobs", "4"])
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.contains("0 vacuous cases, 0 not checked"), result.stdout)
  }
}
