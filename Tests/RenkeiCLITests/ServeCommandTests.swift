import Foundation
import RenkeiHTTP
import XCTest

/// `renkei serve ngsi-ld` as a user runs it: prints its URL, answers, and is stopped by a signal.
final class ServeCommandTests: XCTestCase {
  func testServeNGSILDPrintsURLAndAnswers() throws {
    let started = Date()
    let (process, url) = try Self.launch(["serve", "ngsi-ld", "--port", "0"])
    defer {
      if process.isRunning { process.terminate() }
      process.waitUntilExit()
    }
    let startup = Date().timeIntervalSince(started)
    XCTAssertTrue(url.hasPrefix("http://127.0.0.1:"), url)
    XCTAssertLessThan(startup, 5, "startup took \(startup) s")
    print("renkei serve ngsi-ld printed its URL after \(Int(startup * 1000)) ms")

    // The requests run in a detached task; this thread only waits for them.
    let outcome = Locked<(created: Int, read: Int, body: String)?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      let client = HTTPClientSession()
      var headers = HTTPHeaderFields()
      headers.add("Content-Type", "application/json")
      let created = try? await client.send(
        HTTPRequestMessage(
          method: "POST", target: url + "/ngsi-ld/v1/entities", headers: headers,
          body: Array(#"{"id": "urn:ngsi-ld:Vehicle:cli", "type": "Vehicle", "speed": 3}"#.utf8)),
        timeout: .seconds(10))
      let read = try? await client.send(
        HTTPRequestMessage(
          method: "GET", target: url + "/ngsi-ld/v1/entities/urn:ngsi-ld:Vehicle:cli?options=keyValues"),
        timeout: .seconds(10))
      await client.shutdown()
      outcome.set((created?.status ?? 0, read?.status ?? 0, read?.bodyText ?? ""))
      done.signal()
    }
    XCTAssertEqual(done.wait(timeout: .now() + 30), .success, "no answer from the broker")
    let result = try XCTUnwrap(outcome.get())
    XCTAssertEqual(result.created, 201)
    XCTAssertEqual(result.read, 200)
    XCTAssertTrue(result.body.contains("\"speed\":3"), result.body)
    process.terminate()
    process.waitUntilExit()
    XCTAssertFalse(process.isRunning)
  }

  /// Starts `renkei ARGUMENTS` and waits for the URL it prints on its first line.
  static func launch(_ arguments: [String]) throws -> (Process, String) {
    let process = Process()
    process.executableURL = RenkeiProcess.executable
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    guard let url = firstLine(of: out.fileHandleForReading, within: 10) else {
      process.terminate()
      process.waitUntilExit()
      throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no URL printed by renkei \(arguments)"])
    }
    return (process, url)
  }

  /// The first line written to `handle`, or nil when none arrives in time.
  static func firstLine(of handle: FileHandle, within seconds: Double) -> String? {
    let line = Locked(Data())
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      var bytes = Data()
      while !bytes.contains(0x0A) {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        bytes += chunk
      }
      line.set(bytes)
      done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success else { return nil }
    let text = String(decoding: line.get(), as: UTF8.self)
    return text.split(separator: "\n").first.map(String.init)
  }
}
