import Foundation
import RenkeiHTTP
import XCTest

/// `renkei serve ngsi-v2 --port 0`: prints its URL, answers NGSI v2, and stops on a signal.
final class NGSIv2ServeCommandTests: XCTestCase {
  func testServeNGSIv2PrintsURLAndAnswers() async throws {
    let (process, url) = try ServeCommandTests.launch(["serve", "ngsi-v2", "--port", "0"])
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
        body: Array(#"{"id": "Room1", "type": "Room", "temperature": {"value": 21}}"#.utf8)),
      timeout: .seconds(10))
    let read = try await client.send(
      HTTPRequestMessage(method: "GET", target: url + "/v2/entities/Room1?options=keyValues"), timeout: .seconds(10))
    await client.shutdown()
    XCTAssertEqual(created.status, 201)
    XCTAssertEqual(read.status, 200)
    XCTAssertEqual(read.bodyText, #"{"id":"Room1","type":"Room","temperature":21}"#)
    process.terminate()
    process.waitUntilExit()
    XCTAssertFalse(process.isRunning)
  }
}
