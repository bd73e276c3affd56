import RenkeiCore
import RenkeiHTTP

/// Both faces of the reference broker on one port over one entity store (`renkei serve both`):
/// `/ngsi-ld/v1/…` goes to the NGSI-LD face, everything else to the NGSI v2 face, which sees
/// the store through `FaceMapping`. Tenants are shared: `Fiware-Service: city` and
/// `NGSILD-Tenant: city` name the same tenant (v2 service names are lower case). A change made
/// through one face fires the matching subscriptions of both.
public final class CombinedBroker: Sendable {
  public let ngsiLD: NGSILDBroker
  public let ngsiV2: NGSIv2Broker

  public init(contextFetching: NGSILDBroker.ContextFetching = .loopback) {
    let store = EntityStore()
    let ngsiLD = NGSILDBroker(contextFetching: contextFetching, store: store)
    let ngsiV2 = NGSIv2Broker(sharedStore: store)
    // Weak: the faces must not keep each other alive.
    ngsiLD.storeChangeListener.update { listener in
      listener = { [weak ngsiV2] changes, tenant in ngsiV2?.notifyStoreChanges(changes, service: tenant) }
    }
    ngsiV2.storeChangeListener.update { listener in
      listener = { [weak ngsiLD] changes, tenant in ngsiLD?.notifySubscribers(changes, tenant: tenant) }
    }
    self.ngsiLD = ngsiLD
    self.ngsiV2 = ngsiV2
  }

  /// Starts an HTTP server answering with both faces.
  public func serve(host: String = "127.0.0.1", port: Int = 1026) async throws -> HTTPServer {
    try await HTTPServer.start(host: host, port: port, maximumBodySize: 8 << 20) { [self] request in
      await self.handle(request)
    }
  }

  public func shutdown() async {
    await ngsiLD.shutdown()
    await ngsiV2.shutdown()
  }

  public func handle(_ message: HTTPRequestMessage) async -> HTTPResponseMessage {
    let path = message.path
    if path == "/ngsi-ld" || path.hasPrefix("/ngsi-ld/") { return await ngsiLD.handle(message) }
    // The v2 face answers everything else, unknown paths with its NotFound.
    return await ngsiV2.handle(message)
  }
}
