import Foundation
import XCTest

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `renkei serve ngsi-ld` as a user runs it: prints its URL, answers, and is stopped by a signal.
final class ServeCommandTests: XCTestCase {
  func testServeNGSILDPrintsURLAndAnswers() async throws {
    let process = Process()
    process.executableURL = RenkeiProcess.executable
    process.arguments = ["serve", "ngsi-ld", "--port", "0"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    let started = Date()
    try process.run()
    defer {
      if process.isRunning { process.terminate() }
      process.waitUntilExit()
    }
    // The first line of standard output is the URL.
    var line: [UInt8] = []
    let handle = out.fileHandleForReading
    while !line.contains(0x0A) {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      line += chunk
    }
    let url = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    let startup = Date().timeIntervalSince(started)
    XCTAssertTrue(url.hasPrefix("http://127.0.0.1:"), url)
    XCTAssertLessThan(startup, 5, "startup took \(startup) s")
    print("renkei serve ngsi-ld started in \(Int(startup * 1000)) ms")

    var create = URLRequest(url: URL(string: url + "/ngsi-ld/v1/entities")!)
    create.httpMethod = "POST"
    create.setValue("application/json", forHTTPHeaderField: "Content-Type")
    create.httpBody = Data(#"{"id": "urn:ngsi-ld:Vehicle:cli", "type": "Vehicle", "speed": 3}"#.utf8)
    let (_, created) = try await URLSession.shared.data(for: create)
    XCTAssertEqual((created as? HTTPURLResponse)?.statusCode, 201)
    let (body, response) = try await URLSession.shared.data(
      from: URL(string: url + "/ngsi-ld/v1/entities/urn:ngsi-ld:Vehicle:cli?options=keyValues")!)
    XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
    XCTAssertTrue(String(decoding: body, as: UTF8.self).contains("\"speed\":3"))
    process.terminate()
    process.waitUntilExit()
    XCTAssertFalse(process.isRunning)
  }
}
