import Foundation
import XCTest

/// End-to-end: `renkei test` against `renkei serve ngsi-ld`, `--self-check`, and
/// `renkei profiles coverage`.
final class ConformanceCLITests: XCTestCase {
  /// Starts `renkei serve ngsi-ld --port 0` and returns its URL and process.
  func startBroker() throws -> (String, Process) {
    let process = Process()
    process.executableURL = RenkeiProcess.executable
    process.arguments = ["serve", "ngsi-ld", "--port", "0"]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let url = String(decoding: line, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    return (url, process)
  }

  func testRunsCasesAgainstTheReferenceBrokerWithReports() throws {
    let (url, broker) = try startBroker()
    defer { broker.terminate() }
    let folder = NSTemporaryDirectory() + "renkei-test-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let result = try RenkeiProcess.run([
      "test", "--target", url, "--include",
      "ngsild-create-entity-minimal,ngsild-create-entity-existing-id,ngsild-delete-entity",
      "--format", "json",
      "--report", "junit=\(folder)/r.xml", "--report", "html=\(folder)/r.html", "--report", "markdown=\(folder)/r.md",
    ])
    XCTAssertEqual(result.status, 0, result.stdout.prefix(3000) + result.stderr)
    XCTAssertTrue(result.stdout.contains(#""verdict" : "passed""#) || result.stdout.contains(#""verdict": "passed""#))
    let junit = try String(contentsOfFile: folder + "/r.xml", encoding: .utf8)
    XCTAssertTrue(
      junit.contains(
        #"<property name="etsi" value="TP/NGSI-LD/ContextInformation/Provision/Entities/CreateEntity/001_01_01"/>"#))
    XCTAssertTrue(try String(contentsOfFile: folder + "/r.html", encoding: .utf8).contains("<svg"))
  }

  func testRefusedTargetIsAnErrorAndTheTokenNeverLeaks() throws {
    let folder = NSTemporaryDirectory() + "renkei-test-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let result = try RenkeiProcess.run([
      "test", "--target", "http://127.0.0.1:9", "--include", "ngsild-create-entity-minimal", "--token",
      "t0psecret-value", "--format", "markdown", "--report", "json=\(folder)/r.json",
    ])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stdout.contains("error: ngsild-create-entity-minimal"), result.stdout)
    XCTAssertTrue(result.stdout.contains("Authorization: ***"), result.stdout)
    XCTAssertFalse(result.stdout.contains("t0psecret"))
    XCTAssertFalse(try String(contentsOfFile: folder + "/r.json", encoding: .utf8).contains("t0psecret"))
  }

  func testUsageErrors() throws {
    XCTAssertEqual(try RenkeiProcess.run(["test"]).status, 2)
    XCTAssertEqual(try RenkeiProcess.run(["test", "--target", "http://x", "--jobs", "0"]).status, 2)
    XCTAssertEqual(try RenkeiProcess.run(["test", "--target", "http://x", "--features", "warp-drive"]).status, 2)
    XCTAssertEqual(try RenkeiProcess.run(["test", "--profile", "no-such-profile", "--target", "http://x"]).status, 2)
  }

  func testSelfCheckFindsNoVacuousCase() throws {
    let result = try RenkeiProcess.run([
      "test", "--self-check", "--include",
      "ngsild-create-entity-minimal,ngsild-create-entity-existing-id,ngsild-delete-entity",
    ])
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.contains("0 vacuous cases, 0 not checked"), result.stdout)
  }

  func testCoverage() throws {
    let index = NSTemporaryDirectory() + "renkei-index-\(UUID().uuidString).tsv"
    try """
    tp_file\tcase\tarea\tdocumentation\ttags
    001_01\t001_01_01 MinimalEntity\tContextInformation/Provision/Entities/CreateEntity\tdoc\te-create
    999_01\t999_01_01 Missing\tContextInformation/Provision/Entities/CreateEntity\tdoc\te-create
    """.write(toFile: index, atomically: true, encoding: .utf8)
    let result = try RenkeiProcess.run(["profiles", "coverage", "ngsi-ld", "--against", index, "--missing"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("mirror 1 of 2 ETSI test purposes"), result.stdout)
    XCTAssertTrue(
      result.stdout.contains("missing ContextInformation/Provision/Entities/CreateEntity/999_01_01"), result.stdout)
    XCTAssertTrue(
      result.stdout.contains("not in the index: TP/NGSI-LD/"), "profile ids outside this small index are listed")
  }
}
