import RenkeiHTTP

/// Sends notifications over HTTP (clause 5.11.1) without holding up the request that caused them.
final class Notifier: Sendable {
  struct Outgoing: Sendable {
    var subscriptionId: String
    var tenant: String
    var endpoint: String
    var headers: [(String, String)]
    var body: [UInt8]
  }

  private let client = LazyHTTPClient(connectTimeout: .milliseconds(500), maximumResponseSize: 1 << 20)

  /// Sends each notification in its own task; `record` learns whether it was delivered.
  func send(_ notifications: [Outgoing], record: @escaping @Sendable (Outgoing, Bool) -> Void) {
    for notification in notifications {
      let session = client.session
      Task {
        var headers = HTTPHeaderFields()
        for (name, value) in notification.headers { headers.add(name, value) }
        let request = HTTPRequestMessage(
          method: "POST", target: notification.endpoint, headers: headers, body: notification.body)
        do {
          let response = try await session.send(request, timeout: .seconds(5))
          record(notification, (200..<300).contains(response.status))
        } catch {
          record(notification, false)
        }
      }
    }
  }

  func shutdown() async { await client.shutdown() }
}
