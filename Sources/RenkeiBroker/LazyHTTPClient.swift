import RenkeiHTTP

/// An HTTP client made on first use and shut down with its owner: a broker that never notifies or
/// fetches a context opens no client, and one dropped without `shutdown()` does not trip
/// async-http-client's check that every client is shut down.
final class LazyHTTPClient: Sendable {
  private let state = LockedValue<HTTPClientSession?>(nil)
  private let connectTimeout: Duration
  private let maximumResponseSize: Int

  init(connectTimeout: Duration, maximumResponseSize: Int) {
    self.connectTimeout = connectTimeout
    self.maximumResponseSize = maximumResponseSize
  }

  var session: HTTPClientSession {
    state.update { current in
      if let current { return current }
      let made = HTTPClientSession(connectTimeout: connectTimeout, maximumResponseSize: maximumResponseSize)
      current = made
      return made
    }
  }

  func shutdown() async {
    let current = state.update { current in
      let taken = current
      current = nil
      return taken
    }
    await current?.shutdown()
  }

  deinit {
    if let current = state.value { Task { await current.shutdown() } }
  }
}
