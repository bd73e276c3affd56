import Foundation
import RenkeiCore
import RenkeiHTTP

/// Runs one case: setup, the request under test, `then` steps, notifications, and teardown (always).
/// Every wait is bounded by the request timeout and the run deadline, so no platform can hang it.
public struct CaseRunner: Sendable {
  public let profile: Profile
  public let options: RunOptions
  public let session: HTTPClientSession
  public let receiver: NotificationReceiver?
  /// Run-wide variables ({{run}} and the like) before case variables.
  public let runVariables: [String: String]
  /// When set, this header is added to the request under test only (the self-check's proxy reads
  /// and strips it to know which answer to mutate).
  public var markUnderTest: (name: String, value: String)?
  /// Called with the expanded checks of the request under test just before it is sent.
  public var beforeUnderTest: (@Sendable (ExpectationSet) async -> Void)?

  public init(
    profile: Profile, options: RunOptions, session: HTTPClientSession, receiver: NotificationReceiver?,
    runVariables: [String: String], markUnderTest: (name: String, value: String)? = nil
  ) {
    self.profile = profile
    self.options = options
    self.session = session
    self.receiver = receiver
    self.runVariables = runVariables
    self.markUnderTest = markUnderTest
  }

  /// What one run of a case produced; the self-check also needs the checks of the request under
  /// test and the answer they passed on.
  public struct Outcome: Sendable {
    public var result: CaseResult
    public var underTest: ExpectationSet?
    public var underTestResponse: HTTPResponseMessage?
  }

  private enum Stop: Error {
    case failed([CheckFailure])
    case error(String)
    case deadline
  }

  public func run(_ testCase: TestCase, uid: String, deadline: ContinuousClock.Instant?) async -> Outcome {
    let clock = ContinuousClock()
    let started = clock.now
    var exchanges: [Exchange] = []
    var expander = TemplateExpander(runVariables)
    expander.set("uid", uid)
    // The uid as a name (letters, digits, underscores): unique entity types and attribute names.
    expander.set("uidName", "u" + uid.replacing("-", with: "_"))
    expander.set("caseId", testCase.id)
    if let receiver {
      expander.set("callbackURL", receiver.publicURL + "/notify/" + uid)
      expander.set("mockURL", receiver.publicURL + "/mock/" + uid)
    }
    for (name, value) in testCase.vars { expander.set(name, tree: value) }
    var underTest: ExpectationSet?
    var underTestResponse: HTTPResponseMessage?

    var verdict: Verdict = .passed
    var pastDeadline = false
    do throws(Stop) {
      try await scriptMock(testCase, uid: uid, expander: expander)
      for (index, step) in testCase.setup.enumerated() {
        try await perform(
          step, label: "setup.\(index + 1)", expander: &expander, exchanges: &exchanges, deadline: deadline)
      }
      let requestStep = JSONTree.object(
        [("request", testCase.request)] + (testCase.expect.map { [("expect", $0)] } ?? [])
          + (testCase.capture.map { [("capture", $0)] } ?? []))
      let (set, response) = try await perform(
        requestStep, label: "request", expander: &expander, exchanges: &exchanges, deadline: deadline, mark: true)
      underTest = set
      underTestResponse = response
      for (index, step) in testCase.then.enumerated() {
        try await perform(
          step, label: "then.\(index + 1)", expander: &expander, exchanges: &exchanges, deadline: deadline)
      }
      if !testCase.notifications.isEmpty {
        guard let receiver else { throw .error("notifications expected but no receiver runs") }
        try await checkReceived(
          testCase.notifications, log: receiver.notifications, label: "notification", uid: uid, expander: expander,
          deadline: deadline)
      }
      if !testCase.mockRequests.isEmpty {
        guard let receiver else { throw .error("mock requests expected but no receiver runs") }
        try await checkReceived(
          testCase.mockRequests, log: receiver.mock.log, label: "mockRequest", uid: uid, expander: expander,
          deadline: deadline)
      }
    } catch {
      switch error {
      case .failed(let failures): verdict = .failed(failures)
      case .error(let message): verdict = .error(message)
      case .deadline:
        verdict = .notRun("the run deadline passed during the case")
        pastDeadline = true
      }
    }
    // Teardown always runs and is never judged; after the deadline it gets one short attempt.
    for (index, step) in testCase.teardown.enumerated() {
      guard let request = try? buildRequest(step["request"], expander: expander) else { continue }
      let timeout = pastDeadline ? Duration.seconds(1) : options.timeout
      let exchange = await send(request, label: "teardown.\(index + 1)", timeout: timeout)
      exchanges.append(exchange)
    }
    await receiver?.notifications.forget(uid)
    await receiver?.mock.log.forget(uid)
    await receiver?.mock.answers.forget(uid)
    let elapsed = clock.now - started
    let result = CaseResult(
      testCase: testCase, verdict: verdict, exchanges: exchanges, milliseconds: Int(elapsed.milliseconds))
    return Outcome(result: result, underTest: underTest, underTestResponse: underTestResponse)
  }

  /// Sends one step, checks it, captures; throws to stop the case.
  @discardableResult
  private func perform(
    _ step: JSONTree, label: String, expander: inout TemplateExpander, exchanges: inout [Exchange],
    deadline: ContinuousClock.Instant?, mark: Bool = false
  ) async throws(Stop) -> (ExpectationSet, HTTPResponseMessage) {
    let prefix = label == "request" ? "" : label
    if let pause = step["sleep"] {
      try? await Task.sleep(for: Self.duration(pause.scalarText) ?? .zero)
      return (ExpectationSet([]), HTTPResponseMessage(status: 0))
    }
    if let wanted = step["awaitNotifications"].flatMap({ Int($0.scalarText) }) {
      let within = Self.duration(step["within"]?.scalarText ?? "3s") ?? .seconds(3)
      let received = await receiver?.notifications.waitFor(wanted, key: uidOf(expander), timeout: within) ?? []
      if received.count < wanted {
        throw .failed([
          CheckFailure(
            check: "\(label).awaitNotifications", expected: "\(wanted) notifications within \(within)",
            actual: "\(received.count)")
        ])
      }
      return (ExpectationSet([]), HTTPResponseMessage(status: 0))
    }
    var request: HTTPRequestMessage
    let expectations: ExpectationSet
    do {
      request = try buildRequest(step["request"], expander: expander)
      let expanded = try step["expect"].map { tree throws(TemplateExpander.UnknownVariable) in try expander.expand(tree)
      }
      expectations = try ExpectationSet(expanded)
    } catch let problem as TemplateExpander.UnknownVariable {
      throw .error("\(label): \(problem)")
    } catch {
      throw .error("\(label): \(error)")
    }
    if mark, let markUnderTest { request.headers.add(markUnderTest.name, markUnderTest.value) }
    if mark, let beforeUnderTest { await beforeUnderTest(expectations) }
    var timeout = options.timeout
    if let deadline {
      let left = deadline - ContinuousClock().now
      if left <= .zero { throw .deadline }
      if left < timeout { timeout = left }
    }
    var exchange = await send(request, label: label, timeout: timeout)
    if mark, let markUnderTest { exchange.request.headers.remove(markUnderTest.name) }
    exchanges.append(exchange)
    guard let response = exchange.response else {
      if let deadline, ContinuousClock().now >= deadline { throw .deadline }
      throw .error("\(label): \(exchange.error ?? "no answer")")
    }
    let observed = ObservedResponse(response)
    let failures = expectations.check(observed)
    if !failures.isEmpty { throw .failed(failures.map { $0.prefixed(prefix) }) }
    if let capture = step["capture"] {
      for (name, spec) in capture.members ?? [] {
        let value: String?
        do {
          value = try Self.capture(spec: try expander.expand(spec), from: observed)
        } catch {
          throw .error("\(label): \(error)")
        }
        guard let value else {
          throw .failed([
            CheckFailure(
              check: "capture:\(name)".prefixedStep(prefix), expected: "a value to capture (\(spec.text()))",
              actual: observed.bodySummary)
          ])
        }
        expander.set(name, value)
      }
    }
    return (expectations, response)
  }

  private func uidOf(_ expander: TemplateExpander) -> String {
    expander.values["uid"] ?? ""
  }

  static func capture(spec: JSONTree, from response: ObservedResponse) throws -> String? {
    var text: String?
    if let header = spec["header"]?.string {
      text = response.headers[header]
    } else if let pointer = spec["body"]?.string {
      guard let value = response.json?.resolve(pointer) else { return nil }
      text = value.string ?? value.text()
    }
    guard let found = text else { return nil }
    guard let pattern = spec["regex"]?.string else { return found }
    let regex = try NSRegularExpression(pattern: pattern)
    let range = NSRange(found.startIndex..., in: found)
    guard let match = regex.firstMatch(in: found, range: range) else { return nil }
    let group = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
    guard let swiftRange = Range(group, in: found) else { return nil }
    return String(found[swiftRange])
  }

  /// Gives the mock context source the case's scripted answers before anything is sent.
  private func scriptMock(_ testCase: TestCase, uid: String, expander: TemplateExpander) async throws(Stop) {
    guard let mock = testCase.mock else { return }
    guard let receiver else { throw .error("mock answers scripted but no receiver runs") }
    var answers: [MockAnswer] = []
    do {
      for entry in try expander.expand(mock)["respond"]?.elements ?? [] { answers.append(try MockAnswer(entry)) }
    } catch {
      throw .error("mock: \(error)")
    }
    await receiver.mock.answers.set(answers, key: uid)
  }

  /// Checks requests the receiver logged for this case (notifications, or requests to the mock
  /// context source), in arrival order: each entry waits for its request (or, with `none`, for
  /// silence) and checks it; mock requests also by `method` and `path` below `{{mockURL}}`.
  private func checkReceived(
    _ entries: [JSONTree], log: RequestLog, label noun: String, uid: String, expander: TemplateExpander,
    deadline: ContinuousClock.Instant?
  ) async throws(Stop) {
    var wanted = 0
    for (index, entry) in entries.enumerated() {
      let label = "\(noun).\(index + 1)"
      var within = Self.duration(entry["within"]?.scalarText ?? "3s") ?? .seconds(3)
      if let deadline {
        let left = deadline - ContinuousClock().now
        if left <= .zero { throw .deadline }
        if left < within { within = left }
      }
      if entry["none"] == .bool(true) {
        try? await Task.sleep(for: within)
        let received = await log.requests(for: uid)
        if received.count > wanted {
          let extra =
            received[wanted].method + " " + received[wanted].path + " "
            + String(decoding: received[wanted].body, as: UTF8.self)
          throw .failed([
            CheckFailure(
              check: "\(label):none", expected: "no \(noun) within \(within)", actual: ObservedResponse.clip(extra))
          ])
        }
        continue
      }
      wanted += 1
      let received = await log.waitFor(wanted, key: uid, timeout: within)
      guard received.count >= wanted else {
        if let deadline, ContinuousClock().now >= deadline { throw .deadline }
        throw .failed([
          CheckFailure(
            check: "\(label):received", expected: "\(noun) \(wanted) within \(within)",
            actual: "\(received.count) received")
        ])
      }
      let request = received[wanted - 1]
      let expectations: ExpectationSet
      let method: String?
      let path: String?
      do {
        let expanded = try expander.expand(entry)
        expectations = try ExpectationSet(expanded["expect"])
        method = expanded["method"]?.scalarText.uppercased()
        path = expanded["path"]?.scalarText
      } catch {
        throw .error("\(label): \(error)")
      }
      var failures: [CheckFailure] = []
      if let method, method != request.method {
        failures.append(CheckFailure(check: "\(label):method", expected: method, actual: request.method))
      }
      let actualPath = MockContextSource.subPath(request, key: uid)
      if let path, path != actualPath {
        failures.append(CheckFailure(check: "\(label):path", expected: path, actual: actualPath))
      }
      let observed = ObservedResponse(HTTPResponseMessage(status: 200, headers: request.headers, body: request.body))
      failures += expectations.check(observed).map { $0.prefixed(label) }
      if !failures.isEmpty { throw .failed(failures) }
    }
  }

  /// "3s", "500ms", "2m" or a number of seconds.
  public static func duration(_ text: String) -> Duration? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.hasSuffix("ms"), let value = Double(trimmed.dropLast(2)) { return .milliseconds(Int64(value)) }
    if trimmed.hasSuffix("s"), let value = Double(trimmed.dropLast()) { return .milliseconds(Int64(value * 1000)) }
    if trimmed.hasSuffix("m"), let value = Double(trimmed.dropLast()) { return .milliseconds(Int64(value * 60_000)) }
    if let value = Double(trimmed) { return .milliseconds(Int64(value * 1000)) }
    return nil
  }

  // MARK: - Requests

  struct DefinitionError: Error, CustomStringConvertible {
    var description: String
  }

  func buildRequest(_ spec: JSONTree?, expander: TemplateExpander) throws -> HTTPRequestMessage {
    guard let spec else { throw DefinitionError(description: "no request") }
    let tree = try expander.expand(spec)
    let method = (tree["method"]?.scalarText ?? "GET").uppercased()
    let path = tree["path"]?.scalarText ?? "/"
    var url =
      path.hasPrefix("http://") || path.hasPrefix("https://") ? path : Self.join(options.target, profile.basePath, path)
    if let query = tree["query"]?.members, !query.isEmpty {
      // A null value leaves the parameter out (a variant can drop one).
      let pairs = query.filter { $0.value != .null }.map { name, value -> String in
        let text = value.elements.map { $0.map(\.scalarText).joined(separator: ",") } ?? value.scalarText
        return Self.percentEncode(name) + "=" + Self.percentEncode(text)
      }
      url += (url.contains("?") ? "&" : "?") + pairs.joined(separator: "&")
    }
    var headers = HTTPHeaderFields()
    for (name, value) in profile.headers { headers.set(name, try expander.expand(value)) }
    if let tenant = options.tenant, let header = profile.tenantHeader { headers.set(header, tenant) }
    for (name, value) in options.headers { headers.set(name, value) }
    for (name, value) in tree["headers"]?.members ?? [] {
      if value == .null { headers.remove(name) } else { headers.set(name, value.scalarText) }
    }
    var body: [UInt8] = []
    if let json = tree["body"] {
      body = json.bytes()
    } else if let text = tree["bodyText"] {
      body = Array(text.scalarText.utf8)
    } else if let file = tree["bodyFile"]?.scalarText {
      let path = file.hasPrefix("/") ? file : profile.directory + "/" + file
      guard let data = FileManager.default.contents(atPath: path) else {
        throw DefinitionError(description: "bodyFile \(file) cannot be read")
      }
      body = Array(try expander.expand(String(decoding: data, as: UTF8.self)).utf8)
    }
    return HTTPRequestMessage(method: method, target: url, headers: headers, body: body)
  }

  func send(_ request: HTTPRequestMessage, label: String, timeout: Duration) async -> Exchange {
    let clock = ContinuousClock()
    let started = clock.now
    do {
      let response = try await session.send(request, timeout: timeout)
      return Exchange(
        step: label, request: request, response: response, milliseconds: Int((clock.now - started).milliseconds))
    } catch {
      return Exchange(
        step: label, request: request, response: nil, error: error.description,
        milliseconds: Int((clock.now - started).milliseconds))
    }
  }

  static func join(_ target: String, _ basePath: String, _ path: String) -> String {
    var base = target
    while base.hasSuffix("/") { base.removeLast() }
    return base + basePath + (path.hasPrefix("/") || path.isEmpty || path.hasPrefix("?") ? path : "/" + path)
  }

  /// RFC 3986 percent-encoding of a query name or value; unreserved characters and `,:` stay.
  static func percentEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ","),
        UInt8(ascii: ":"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
      }
    }
    return out
  }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }

  func prefixedStep(_ step: String) -> String {
    step.isEmpty ? self : step + "." + self
  }
}

extension Duration {
  var milliseconds: Int64 {
    let (seconds, attoseconds) = components
    return seconds * 1000 + attoseconds / 1_000_000_000_000_000
  }
}
