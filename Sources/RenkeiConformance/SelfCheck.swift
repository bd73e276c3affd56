import RenkeiCore
import RenkeiHTTP

/// Proof that each case can fail: every case runs once through the mutating proxy unchanged (it
/// must pass), then once per mutation of its request under test's answer (status changed, each
/// asserted header dropped or added, each asserted body member altered). A mutation the case does
/// not notice makes it vacuous.
public struct SelfCheck: Sendable {
  public struct CaseCheck: Sendable {
    public var id: String
    /// The verdict of the unchanged run; a case that does not pass cannot be checked.
    public var baseline: Verdict
    public var mutations: Int
    /// Mutations under which the case still passed.
    public var vacuous: [ResponseMutation]
  }

  public let profile: Profile
  public let options: RunOptions

  public init(profile: Profile, options: RunOptions) {
    self.profile = profile
    self.options = options
  }

  /// Runs the self-check against `upstream` (the platform's base URL, normally the reference broker).
  public func run(upstream: String, receiver: NotificationReceiver) async throws -> [CaseCheck] {
    let session = HTTPClientSession()
    let proxy = try await MutatingProxy.start(upstream: upstream, session: session, timeout: options.timeout)
    var proxiedOptions = options
    proxiedOptions.target = proxy.baseURL
    let proxied = proxiedOptions
    let profile = self.profile
    let run = ProfileRunner.newRunID()
    let variables = ProfileRunner.runVariables(profile: profile, options: proxied, run: run, receiver: receiver)
    let cases = profile.cases.enumerated().filter { options.plan.decide($0.element) == nil }
    var results = [CaseCheck?](repeating: nil, count: cases.count)
    await withTaskGroup(of: (Int, CaseCheck).self) { group in
      var next = 0
      func startNext() {
        guard next < cases.count else { return }
        let slot = next
        let (index, testCase) = cases[next]
        next += 1
        group.addTask {
          let check = await Self.check(
            testCase, index: index, run: run, profile: profile, options: proxied, session: session, proxy: proxy,
            receiver: receiver, variables: variables)
          return (slot, check)
        }
      }
      for _ in 0..<max(1, options.jobs) { startNext() }
      for await (slot, check) in group {
        results[slot] = check
        startNext()
      }
    }
    await proxy.shutdown()
    await session.shutdown()
    return results.compactMap { $0 }
  }

  static func check(
    _ testCase: TestCase, index: Int, run: String, profile: Profile, options: RunOptions, session: HTTPClientSession,
    proxy: MutatingProxy, receiver: NotificationReceiver, variables: [String: String]
  ) async -> CaseCheck {
    func runner(_ token: String) -> CaseRunner {
      CaseRunner(
        profile: profile, options: options, session: session, receiver: receiver, runVariables: variables,
        markUnderTest: (MutatingProxy.markHeader, token))
    }
    let baseToken = "\(run)-\(index + 1)-0"
    await proxy.register(.observe, token: baseToken)
    let baseline = await runner(baseToken).run(testCase, uid: baseToken, deadline: nil)
    await proxy.forget(baseToken)
    guard baseline.result.verdict == .passed, let set = baseline.underTest, let response = baseline.underTestResponse
    else {
      return CaseCheck(id: testCase.id, baseline: baseline.result.verdict, mutations: 0, vacuous: [])
    }
    let mutations = set.mutations(of: ObservedResponse(response))
    var vacuous: [ResponseMutation] = []
    for number in mutations.indices {
      let token = "\(run)-\(index + 1)-\(number + 1)"
      await proxy.register(.mutateNth(number), token: token)
      var mutated = runner(token)
      mutated.beforeUnderTest = { set in await proxy.register(set, token: token) }
      let outcome = await mutated.run(testCase, uid: token, deadline: nil)
      let applied = await proxy.applied(token)
      await proxy.forget(token)
      // Passing counts as vacuous even when the mutation found nothing to change: the case was not shown to fail.
      if outcome.result.verdict == .passed { vacuous.append(applied ?? mutations[number]) }
    }
    return CaseCheck(id: testCase.id, baseline: .passed, mutations: mutations.count, vacuous: vacuous)
  }

  /// One line per problem case, then the totals.
  public static func render(_ checks: [CaseCheck]) -> String {
    var out = ""
    for check in checks {
      if check.baseline != .passed {
        out += "NOT CHECKED \(check.id): fails unmutated (\(check.baseline.name): \(check.baseline.reason))\n"
      } else if check.mutations == 0 {
        out += "VACUOUS \(check.id): the request under test has no checks\n"
      } else if !check.vacuous.isEmpty {
        out +=
          "VACUOUS \(check.id): still passes with " + check.vacuous.map(\.description).joined(separator: "; ") + "\n"
      }
    }
    let vacuous = checks.filter { $0.baseline == .passed && ($0.mutations == 0 || !$0.vacuous.isEmpty) }.count
    let unchecked = checks.filter { $0.baseline != .passed }.count
    let total = checks.reduce(0) { $0 + $1.mutations }
    out += "self-check: \(checks.count) cases, \(total) mutations, \(vacuous) vacuous cases, \(unchecked) not checked\n"
    return out
  }
}
