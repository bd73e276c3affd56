import RenkeiCore
import RenkeiHTTP

/// Requests received by the runner's servers, by key (a case's uid), in arrival order.
public actor RequestLog {
  private var entries: [String: [HTTPRequestMessage]] = [:]

  public init() {}

  public func record(_ request: HTTPRequestMessage, key: String) {
    entries[key, default: []].append(request)
  }

  public func requests(for key: String) -> [HTTPRequestMessage] {
    entries[key] ?? []
  }

  public func forget(_ key: String) {
    entries[key] = nil
  }

  /// Waits until `count` requests are in for `key` or `timeout` passes; returns what arrived.
  public nonisolated func waitFor(_ count: Int, key: String, timeout: Duration) async -> [HTTPRequestMessage] {
    let clock = ContinuousClock()
    let end = clock.now + timeout
    while true {
      let current = await requests(for: key)
      if current.count >= count || clock.now >= end { return current }
      try? await Task.sleep(for: .milliseconds(10))
    }
  }
}
