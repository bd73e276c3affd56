import Foundation
import RenkeiConformance
import RenkeiCore
import RenkeiHTTP
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

/// Helpers shared by the conformance tests: profiles written to temporary folders, small HTTP
/// stubs on 127.0.0.1 port 0, and golden files.
enum Support {
  /// A temporary profile folder with `profile.yaml` and the given case files.
  static func profile(_ files: [String: String], profileYAML: String? = nil) throws -> String {
    let directory = NSTemporaryDirectory() + "renkei-conformance-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let header =
      profileYAML ?? """
        name: stub
        title: Stub API
        spec: Stub spec 1.0
        specVersion: "1.0"
        basePath: /api
        etsiPrefix: TP/STUB/
        features: {extra: an optional feature}
        variables: {greeting: hello}
        """
    try header.write(toFile: directory + "/profile.yaml", atomically: true, encoding: .utf8)
    for (name, text) in files {
      let path = directory + "/" + name
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return directory
  }

  static func load(_ files: [String: String]) throws -> Profile {
    try ProfileLoader().load(directory: try profile(files))
  }

  static func json(_ text: String) -> JSONTree {
    try! JSONTree.parse(text)
  }

  static func response(_ status: Int, _ body: String = "", headers: [(String, String)] = []) -> ObservedResponse {
    ObservedResponse(HTTPResponseMessage(status: status, headers: HTTPHeaderFields(headers), text: body))
  }

  /// Runs every case of `profile` against `target` and returns the results.
  static func run(
    _ profile: Profile, target: String, timeout: Duration = .seconds(2), deadline: Duration? = nil, jobs: Int = 2,
    plan: RunPlan = RunPlan()
  ) async throws -> [CaseResult] {
    let receiver = try await NotificationReceiver.start()
    let session = HTTPClientSession(connectTimeout: .seconds(1))
    let options = RunOptions(target: target, jobs: jobs, timeout: timeout, deadline: deadline, plan: plan)
    let results = await ProfileRunner(profile: profile, options: options).run(session: session, receiver: receiver)
    await session.shutdown()
    await receiver.shutdown()
    return results
  }
}

/// A TCP server that answers every connection with fixed bytes (or nothing), for garbage and hang
/// tests; HTTPServer can only speak proper HTTP.
final class RawServer: @unchecked Sendable {
  let port: Int
  private let socket: Int32

  init(reply: [UInt8]?) throws {
    let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) }
    }
    guard bound == 0, listen(fd, 16) == 0 else { throw NSError(domain: "RawServer", code: 1) }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    socket = fd
    port = Int(UInt16(bigEndian: address.sin_port))
    Thread.detachNewThread {
      while true {
        let client = accept(fd, nil, nil)
        if client < 0 { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        _ = read(client, &buffer, buffer.count)
        if let reply {
          _ = reply.withUnsafeBytes { write(client, $0.baseAddress, reply.count) }
          close(client)
        }
        // Without a reply the connection stays open: a platform that hangs.
      }
    }
  }

  var baseURL: String { "http://127.0.0.1:\(port)" }

  func stop() {
    shutdown(socket, Int32(SHUT_RDWR))
    close(socket)
  }
}

/// Golden files in `Tests/RenkeiConformanceTests/Golden/`; regenerate with
/// `RENKEI_UPDATE_GOLDEN=1 swift test --filter RenkeiConformanceTests` and review the diff.
enum Golden {
  static var updating: Bool { ProcessInfo.processInfo.environment["RENKEI_UPDATE_GOLDEN"] == "1" }
  static let sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Golden")

  static func assertMatches(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws
  {
    if updating {
      try Data(actual.utf8).write(to: sourceDirectory.appendingPathComponent(name))
      return
    }
    guard let url = Bundle.module.resourceURL?.appendingPathComponent("Golden/" + name),
      let data = try? Data(contentsOf: url)
    else {
      XCTFail("No golden file \(name); create it with RENKEI_UPDATE_GOLDEN=1.", file: file, line: line)
      return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard actual != expected else { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let index = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
    XCTFail(
      "\(name) differs at line \(index + 1): expected \(index < e.count ? String(e[index]) : "(end)"), got \(index < a.count ? String(a[index]) : "(end)")",
      file: file, line: line)
  }
}
