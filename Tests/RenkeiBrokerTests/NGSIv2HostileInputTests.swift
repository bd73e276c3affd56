import RenkeiCore
import RenkeiHTTP
import XCTest

@testable import RenkeiBroker

/// Garbage never crashes the NGSI v2 broker: every answer is an HTTP status with, for errors, a
/// JSON `{error, description}` body.
final class NGSIv2HostileInputTests: XCTestCase {
  func testGarbageGetsErrorAnswers() async throws {
    let broker = NGSIv2Broker()
    let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "BREW"]
    let paths = [
      "/v2", "/v2/", "/v2/entities", "/v2/entities/E1", "/v2/entities/E1/attrs", "/v2/entities/E1/attrs/a",
      "/v2/entities/E1/attrs/a/value", "/v2/types", "/v2/types/T", "/v2/subscriptions", "/v2/subscriptions/x",
      "/v2/op/update", "/v2/op/query", "/v2/entities/%ZZ", "/v2//entities", "/v2/entities/E1/attrs/a/value/x", "/x",
    ]
    let queries = [
      "", "?q=a%3D%3D", "?q=;;;", "?q='", "?mq=a", "?georel=near&geometry=point&coords=1",
      "?limit=99999999999999999999",
      "?offset=9223372036854775807", "?orderBy=!,!", "?options=%00", "?idPattern=(", "?coords=;;&georel=&geometry=",
      "?attrs=,,,&metadata=*", "?q=a..b==1..", "?q=a~='",
    ]
    let bodies = [
      "", "{", "[]", "null", "\"x\"", #"{"id": {}}"#,
      #"{"id": "E1", "a": {"value": {"type": "Point"}, "type": "geo:json"}}"#,
      #"{"actionType": "delete", "entities": [{"id": "E1", "a": 1}, 7]}"#,
      #"{"subject": {"entities": [{"idPattern": "("}]}}"#,
      #"{"entities": [{}], "expression": {"georel": "near"}}"#, String(repeating: "[", count: 5000),
      #"{"id": "E1", "t": {"type": "DateTime", "value": "9999-99-99T99"}}"#,
    ]
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<1500 {
      var headers = HTTPHeaderFields()
      if Bool.random(using: &rng) {
        headers.add("Content-Type", ["application/json", "text/plain", "x/y"].randomElement()!)
      }
      if Bool.random(using: &rng) {
        headers.add("Fiware-ServicePath", ["/a/#", "a", "/,/", "/#/#", ""].randomElement()!)
      }
      if Bool.random(using: &rng) { headers.add("Accept", ["text/plain", ",", ";q=0", "*/*"].randomElement()!) }
      let body = Array(bodies.randomElement()!.utf8)
      headers.add("Content-Length", String(body.count))
      let target = paths.randomElement()! + queries.randomElement()!
      let response = await broker.handle(
        HTTPRequestMessage(method: methods.randomElement()!, target: target, headers: headers, body: body))
      XCTAssertTrue((200..<600).contains(response.status), target)
      if response.status >= 400 {
        let error = try? JSONTree.parse(response.body)
        XCTAssertNotNil(error?["error"]?.string, "\(response.status) \(target): \(response.bodyText)")
      }
    }
    await broker.shutdown()
  }
}
