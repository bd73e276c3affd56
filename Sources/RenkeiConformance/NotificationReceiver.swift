import Foundation
import RenkeiCore
import RenkeiHTTP

/// The runner's own HTTP server: notifications arrive at `/notify/<uid>`, mock context sources
/// answer under `/mock/<uid>/...`, and the profile's JSON-LD contexts are served from
/// `/contexts/<file>` so a platform can resolve them without reaching the internet.
public final class NotificationReceiver: Sendable {
  public let notifications: RequestLog
  public let mock: MockContextSource
  private let server: HTTPServer
  /// The base URL the platform uses to reach the receiver (`--callback-url`, or the bound address).
  public let publicURL: String

  private init(server: HTTPServer, notifications: RequestLog, mock: MockContextSource, publicURL: String) {
    self.server = server
    self.notifications = notifications
    self.mock = mock
    self.publicURL = publicURL
  }

  public var boundURL: String { server.baseURL }

  public static func start(
    host: String = "127.0.0.1", port: Int = 0, publicURL: String? = nil, contextsDirectory: String? = nil
  ) async throws -> NotificationReceiver {
    let notifications = RequestLog()
    let mock = MockContextSource()
    let contexts = contextsDirectory.map(Self.readContexts) ?? [:]
    let server = try await HTTPServer.start(host: host, port: port) { request in
      let parts = request.path.split(separator: "/", maxSplits: 2).map(String.init)
      guard let first = parts.first else { return HTTPResponseMessage(status: 404) }
      switch first {
      case "notify" where parts.count >= 2:
        await notifications.record(request, key: parts[1])
        return HTTPResponseMessage(status: 200)
      case "mock" where parts.count >= 2:
        return await mock.handle(request, key: parts[1])
      case "contexts" where parts.count == 2 && request.method == "GET":
        guard let bytes = contexts[parts[1]] else { return HTTPResponseMessage(status: 404) }
        return HTTPResponseMessage(
          status: 200, headers: HTTPHeaderFields([("Content-Type", "application/ld+json")]), body: bytes)
      default:
        return HTTPResponseMessage(status: 404)
      }
    }
    let base = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? server.baseURL
    return NotificationReceiver(server: server, notifications: notifications, mock: mock, publicURL: base)
  }

  public func shutdown() async {
    await server.shutdown()
  }

  private static func readContexts(_ directory: String) -> [String: [UInt8]] {
    let manager = FileManager.default
    var out: [String: [UInt8]] = [:]
    for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] {
      if let data = manager.contents(atPath: directory + "/" + name) { out[name] = [UInt8](data) }
    }
    return out
  }
}
