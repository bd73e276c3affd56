import Foundation
import RenkeiCore
import XCTest

/// End-to-end: `renkei models` and `renkei validate --model`.
final class ModelsCLITests: XCTestCase {
  func testListAndShow() throws {
    let list = try RenkeiProcess.run(["models", "list"])
    XCTAssertEqual(list.status, 0, list.stderr)
    for name in ["PointOfInterest", "Museum", "AirQualityObserved", "Event", "ConsentReceipt"] {
      XCTAssertTrue(list.stdout.contains(name), name)
    }
    let show = try RenkeiProcess.run(["models", "show", "PointOfInterest"])
    XCTAssertEqual(show.status, 0)
    XCTAssertTrue(show.stdout.contains("required: id, type, name"), show.stdout)
    XCTAssertTrue(show.stdout.contains("example-normalized.jsonld"))
    let unknown = try RenkeiProcess.run(["models", "show", "Pointofinteres"])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(unknown.stderr.contains("unknown model"), unknown.stderr)
  }

  func testAddRegistersARepositoryFromDisk() throws {
    let home = NSTemporaryDirectory() + "renkei-config-\(UUID().uuidString)"
    let repository = home + "/dataModel.Test/Shelter"
    try FileManager.default.createDirectory(atPath: repository, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: home) }
    try Data(
      #"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["id", "type", "capacity"]}"#
        .utf8
    )
    .write(to: URL(fileURLWithPath: repository + "/schema.json"))
    let environment = ["XDG_CONFIG_HOME": home + "/config"]
    let add = try RenkeiProcess.run(["models", "add", home + "/dataModel.Test"], environment: environment)
    XCTAssertEqual(add.status, 0, add.stderr)
    XCTAssertTrue(add.stdout.contains("Shelter"))
    XCTAssertTrue(try RenkeiProcess.run(["models", "list"], environment: environment).stdout.contains("Shelter"))
    let entity = home + "/shelter.json"
    try Data(#"{"id": "urn:ngsi-ld:Shelter:1", "type": "Shelter"}"#.utf8).write(to: URL(fileURLWithPath: entity))
    let result = try RenkeiProcess.run(
      ["validate", "--format", "json", "--model", "Shelter", entity], environment: environment)
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stdout.contains("\"capacity\""), result.stdout)
    XCTAssertEqual(try RenkeiProcess.run(["models", "add", home + "/nothing"], environment: environment).status, 2)
  }

  func testValidateModelReportsModelRepresentationPointerAndClause() throws {
    let result = try RenkeiProcess.run([
      "validate", "--format", "json", "--model", "PointOfInterest",
      RenkeiProcess.fixture("models/shelters-normalized.jsonl"),
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let findings = try JSONParser().parse(result.stdout).document.root["files"]![0]!["findings"]!.elements
    let seen = findings.map {
      "\($0["location"]!["line"]!.number!.lexeme) \($0["ruleId"]!.string!) \($0["location"]!["pointer"]?.string ?? "")"
    }
    XCTAssertTrue(seen.contains("2 schema-type /name/value"), "\(seen)")
    XCTAssertTrue(seen.contains("2 ngsi-ld-geoproperty-value /location/value"), "\(seen)")
    XCTAssertTrue(seen.contains("2 ngsi-ld-relationship-object /refSeeAlso/object"), "\(seen)")
    let ldFinding = try XCTUnwrap(findings.first { $0["ruleId"]?.string == "ngsi-ld-relationship-object" })
    XCTAssertEqual(ldFinding["arguments"]?["model"]?.string, "PointOfInterest")
    XCTAssertEqual(ldFinding["arguments"]?["representation"]?.string, "ngsi-ld-normalized")
    XCTAssertEqual(ldFinding["spec"]?["clause"]?.string, "5.2.6")
    // Line 3 is NGSI v2 normalized ("type": "Text" is not an NGSI-LD attribute type): no finding.
    XCTAssertFalse(seen.contains { $0.hasPrefix("3 ") }, "\(seen)")
  }

  func testArraysOfEntities() throws {
    let result = try RenkeiProcess.run([
      "validate", "--format", "json", "--model", "PointOfInterest",
      RenkeiProcess.fixture("models/array-keyvalues.json"),
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let findings = try JSONParser().parse(result.stdout).document.root["files"]![0]!["findings"]!.elements
    XCTAssertEqual(findings.map { $0["ruleId"]!.string! }, ["schema-required"])
    XCTAssertEqual(findings.first?["location"]?["pointer"]?.string, "/1")
    XCTAssertEqual(findings.first?["location"]?["line"]?.number?.lexeme, "3")
    XCTAssertEqual(findings.first?["arguments"]?["representation"]?.string, "ngsi-ld-keyvalues")
  }

  func testForcedRepresentation() throws {
    let result = try RenkeiProcess.run([
      "validate", "--format", "json", "--model", "PointOfInterest", "--representation", "ngsi-ld-normalized",
      RenkeiProcess.fixture("models/shelters-normalized.jsonl"),
    ])
    XCTAssertTrue(result.stdout.contains("ngsi-ld-attribute-type"), result.stdout)
    XCTAssertTrue(result.stdout.contains("ngsi-ld-id-not-uri"), result.stdout)
  }

  func testConsentReceipt() throws {
    let dir = NSTemporaryDirectory() + "renkei-consent-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    func receipt(_ purpose: String) -> String {
      #"{"version":"KI-CR-v1.1.0","jurisdiction":"JP","consentTimestamp":1700000000,"collectionMethod":"web form","consentReceiptID":"r1","piiPrincipalId":"p","piiControllers":[{"piiController":"市","contact":"窓口","address":{},"email":"a@example.jp","phone":"054-000-0000"}],"policyUrl":"https://example.jp/p","services":[{"service":"s","purposes":[\#(purpose)]}],"sensitive":false,"spiCat":[]}"#
    }
    let base = #""purpose":"通知","consentType":"EXPLICIT","purposeCategory":["a"],"piiCategory":["b"],"termination":"t""#
    try Data(receipt("{\(base),\"thirdPartyDisclosure\":true}").utf8).write(to: URL(fileURLWithPath: dir + "/bad.json"))
    try Data(receipt("{\(base),\"thirdPartyDisclosure\":true,\"thirdPartyName\":\"委託先\"}").utf8)
      .write(to: URL(fileURLWithPath: dir + "/good.json"))
    let bad = try RenkeiProcess.run(["validate", "--model", "ConsentReceipt", dir + "/bad.json"])
    XCTAssertEqual(bad.status, 1)
    XCTAssertTrue(bad.stdout.contains("consent-third-party-name"), bad.stdout)
    let good = try RenkeiProcess.run(["validate", "--model", "ConsentReceipt", dir + "/good.json"])
    XCTAssertEqual(good.status, 0, good.stdout)
  }
}

/// `renkei models add --allow-network`, against a published-site stand-in on 127.0.0.1.
final class PublishedModelsCLITests: XCTestCase {
  func testDownloadsAModelAndItsReferencesThenValidatesOffline() throws {
    let root = NSTemporaryDirectory() + "renkei-site-\(UUID().uuidString)"
    let site = root + "/site"
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(
      atPath: site + "/dataModel.Test/Kiosk/examples", withIntermediateDirectories: true)

    // The server picks its own port (0) and prints it.
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    server.arguments = [
      "python3", "-c",
      "import http.server,socketserver,sys,os\nos.chdir(sys.argv[1])\nclass Q(http.server.SimpleHTTPRequestHandler):\n  def log_message(self,*a): pass\ns=socketserver.TCPServer(('127.0.0.1',0),Q)\nprint(s.server_address[1],flush=True)\ns.serve_forever()",
      site,
    ]
    let out = Pipe()
    server.standardOutput = out
    try server.run()
    defer { server.terminate() }
    let portLine = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
    let port = try XCTUnwrap(Int(portLine.trimmingCharacters(in: .whitespacesAndNewlines)))
    let base = "http://127.0.0.1:\(port)/"

    func put(_ path: String, _ text: String) throws {
      try Data(text.utf8).write(to: URL(fileURLWithPath: site + "/" + path))
    }
    try put(
      "dataModel.Test/kiosk-schema.json",
      #"{"$id": "\#(base)dataModel.Test/kiosk-schema.json", "definitions": {"hours": {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"}}}"#
    )
    try put(
      "dataModel.Test/Kiosk/schema.json",
      #"{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "\#(base)dataModel.Test/Kiosk/schema.json", "type": "object", "required": ["id", "type", "opens"], "properties": {"opens": {"$ref": "\#(base)dataModel.Test/kiosk-schema.json#/definitions/hours"}}}"#
    )
    try put("dataModel.Test/Kiosk/examples/example.json", #"{"id": "K1", "type": "Kiosk", "opens": "09:00"}"#)

    let environment = [
      "RENKEI_SMART_DATA_MODELS_BASE": base, "XDG_CONFIG_HOME": root + "/config", "XDG_DATA_HOME": root + "/data",
    ]
    XCTAssertEqual(
      try RenkeiProcess.run(["models", "add", "dataModel.Test/Kiosk"], environment: environment).status, 2)
    let add = try RenkeiProcess.run(
      ["models", "add", "--allow-network", "dataModel.Test/Kiosk"], environment: environment)
    XCTAssertEqual(add.status, 0, add.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/data/renkei/models/dataModel.Test/kiosk-schema.json"))
    server.terminate()
    server.waitUntilExit()

    // Offline from here on.
    let entity = root + "/kiosk.json"
    try Data(#"{"id": "K2", "type": "Kiosk", "opens": "9時"}"#.utf8).write(to: URL(fileURLWithPath: entity))
    let result = try RenkeiProcess.run(["validate", "--model", "Kiosk", entity], environment: environment)
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(result.stdout.contains("schema-pattern"), result.stdout)
    let example = try RenkeiProcess.run(
      ["validate", "--model", "Kiosk", root + "/data/renkei/models/dataModel.Test/Kiosk/examples/example.json"],
      environment: environment)
    XCTAssertEqual(example.status, 0, example.stdout)
  }
}
