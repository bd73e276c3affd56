import Foundation
import RenkeiCore
import RenkeiHTTP

/// Runs a profile's cases against one platform, `jobs` at a time, and returns one result per case
/// in profile order whatever the completion order.
public struct ProfileRunner: Sendable {
  public let profile: Profile
  public let options: RunOptions

  public init(profile: Profile, options: RunOptions) {
    self.profile = profile
    self.options = options
  }

  /// Variables every case sees: the profile's, `--var` overrides, and the built-ins.
  public static func runVariables(
    profile: Profile, options: RunOptions, run: String, receiver: NotificationReceiver?, now: Date = Date()
  ) -> [String: String] {
    var values: [String: String] = [:]
    for (name, value) in profile.variables { values[name] = value }
    for (name, value) in options.variables { values[name] = value }
    values["run"] = run
    var target = options.target
    while target.hasSuffix("/") { target.removeLast() }
    values["target"] = target + profile.basePath
    values["basePath"] = profile.basePath
    values["tenant"] = options.tenant ?? ""
    values["receiverURL"] = receiver?.publicURL ?? "http://127.0.0.1:9"
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    values["now"] = formatter.string(from: now)
    values["future"] = formatter.string(from: now.addingTimeInterval(86_400))
    values["past"] = formatter.string(from: now.addingTimeInterval(-86_400))
    return values
  }

  /// A fresh 8-hex-digit run id.
  public static func newRunID() -> String {
    String(UInt32.random(in: .min ... .max), radix: 16).leftPadded(8)
  }

  /// Runs every case. `markUnderTest`, when given, returns the header that marks a case's request
  /// under test (the self-check uses it); `observe` sees every outcome.
  public func run(
    session: HTTPClientSession, receiver: NotificationReceiver?, run: String = ProfileRunner.newRunID(),
    cases: [TestCase]? = nil
  ) async -> [CaseResult] {
    let selected = cases ?? profile.cases
    let variables = Self.runVariables(profile: profile, options: options, run: run, receiver: receiver)
    let runner = CaseRunner(
      profile: profile, options: options, session: session, receiver: receiver, runVariables: variables)
    let deadline = options.deadline.map { ContinuousClock().now + $0 }
    var results = [CaseResult?](repeating: nil, count: selected.count)
    var runnable: [Int] = []
    for (index, testCase) in selected.enumerated() {
      if let verdict = options.plan.decide(testCase) {
        results[index] = CaseResult(testCase: testCase, verdict: verdict)
      } else {
        runnable.append(index)
      }
    }
    await withTaskGroup(of: (Int, CaseResult).self) { group in
      var next = 0
      func startNext() {
        guard next < runnable.count else { return }
        let index = runnable[next]
        next += 1
        let testCase = selected[index]
        group.addTask {
          if let deadline, ContinuousClock().now >= deadline {
            return (
              index, CaseResult(testCase: testCase, verdict: .notRun("the run deadline passed before the case started"))
            )
          }
          let outcome = await runner.run(testCase, uid: "\(run)-\(index + 1)", deadline: deadline)
          return (index, outcome.result)
        }
      }
      for _ in 0..<max(1, options.jobs) { startNext() }
      for await (index, result) in group {
        results[index] = result
        startNext()
      }
    }
    return results.compactMap { $0 }
  }
}
