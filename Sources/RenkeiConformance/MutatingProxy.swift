import RenkeiCore
import RenkeiHTTP

/// The self-check's proxy between the runner and a platform. It forwards every request unchanged;
/// a request carrying `markHeader` (removed before forwarding) is the request under test of some
/// case, and the plan registered for the header's token decides what happens to its answer.
public final class MutatingProxy: Sendable {
  public static let markHeader = "X-Renkei-Self-Check"

  public enum Plan: Sendable {
    /// Pass the answer through unchanged.
    case observe
    case mutate(ResponseMutation)
    /// The n-th mutation of the expectations registered for the token, computed on the live answer:
    /// list answers differ between runs, so pointers from an earlier run could miss.
    case mutateNth(Int)
  }

  private let server: HTTPServer
  private let plans: PlanBook

  private init(server: HTTPServer, plans: PlanBook) {
    self.server = server
    self.plans = plans
  }

  public var baseURL: String { server.baseURL }

  /// Starts the proxy on 127.0.0.1 (free port) in front of `upstream` (scheme, host and port).
  public static func start(upstream: String, session: HTTPClientSession, timeout: Duration = .seconds(10)) async throws
    -> MutatingProxy
  {
    let plans = PlanBook()
    var base = upstream
    while base.hasSuffix("/") { base.removeLast() }
    let upstreamBase = base
    let server = try await HTTPServer.start(host: "127.0.0.1", port: 0) { request in
      var forwarded = request
      forwarded.target = upstreamBase + request.target
      let token = request.headers[markHeader]
      for name in [markHeader, "Host", "Content-Length", "Transfer-Encoding", "Connection"] {
        forwarded.headers.remove(name)
      }
      var response: HTTPResponseMessage
      do {
        response = try await session.send(forwarded, timeout: timeout)
      } catch {
        return HTTPResponseMessage(status: 502, text: "self-check proxy: \(error)")
      }
      for name in ["Content-Length", "Transfer-Encoding", "Connection"] { response.headers.remove(name) }
      if let token, let mutation = await plans.mutation(for: token, response: response) {
        response = mutation.apply(to: response)
      }
      return response
    }
    return MutatingProxy(server: server, plans: plans)
  }

  public func register(_ plan: Plan, token: String) async {
    await plans.set(plan, token: token)
  }

  /// The checks of the request under test for `token` (for `.mutateNth`).
  public func register(_ expectations: ExpectationSet, token: String) async {
    await plans.set(expectations, token: token)
  }

  /// The mutation applied for `token`, if any.
  public func applied(_ token: String) async -> ResponseMutation? {
    await plans.applied(token)
  }

  public func forget(_ token: String) async {
    await plans.forget(token)
  }

  public func shutdown() async {
    await server.shutdown()
  }
}

/// Plans, expectations and applied mutations by token.
actor PlanBook {
  private var plans: [String: MutatingProxy.Plan] = [:]
  private var expectations: [String: ExpectationSet] = [:]
  private var appliedMutations: [String: ResponseMutation] = [:]

  func set(_ plan: MutatingProxy.Plan?, token: String) {
    plans[token] = plan
  }

  func set(_ set: ExpectationSet, token: String) {
    expectations[token] = set
  }

  func forget(_ token: String) {
    plans[token] = nil
    expectations[token] = nil
    appliedMutations[token] = nil
  }

  func applied(_ token: String) -> ResponseMutation? {
    appliedMutations[token]
  }

  func mutation(for token: String, response: HTTPResponseMessage) -> ResponseMutation? {
    switch plans[token] {
    case .mutate(let mutation):
      appliedMutations[token] = mutation
      return mutation
    case .mutateNth(let index):
      guard let set = expectations[token] else { return nil }
      let all = set.mutations(of: ObservedResponse(response))
      guard all.indices.contains(index) else { return nil }
      appliedMutations[token] = all[index]
      return all[index]
    case .observe, nil:
      return nil
    }
  }
}
