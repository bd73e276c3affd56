import ArgumentParser
import Foundation
import RenkeiBroker
import RenkeiConformance
import RenkeiHTTP
import RenkeiModels

/// `renkei test`: runs a conformance profile against a platform and reports a verdict per case.
struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run a conformance profile (e.g. ngsi-ld) against a platform.",
    discussion: """
      Exit codes: 0 every selected case passed (skips allowed), 1 a case failed, errored or was not \
      run before the deadline, 2 usage or I/O error.
      """)

  @Option(help: "Profile name (under profiles/conformance/) or folder.")
  var profile = "ngsi-ld"

  @Option(help: "Base URL of the platform, without the profile's base path (e.g. http://localhost:1026).")
  var target: String?

  @Option(help: "Cases run in parallel.")
  var jobs = 4

  @Option(help: "Tenant sent in the profile's tenant header (NGSILD-Tenant) with every request.")
  var tenant: String?

  @Option(help: "Timeout per request, e.g. 10s or 500ms.")
  var timeout = "10s"

  @Option(help: "Deadline for the whole run, e.g. 5m; cases not finished by then are reported as not run.")
  var deadline: String?

  @Option(help: "Bearer token for secured platforms (sent as Authorization, never written to reports).")
  var token: String?

  @Option(name: .customLong("header"), help: "Header for every request, 'Name: value' (repeatable).")
  var headers: [String] = []

  @Option(name: .customLong("var"), help: "Override a profile variable, NAME=VALUE (repeatable).")
  var variables: [String] = []

  @Option(help: "Run only cases with this tag, feature, id or ETSI area (repeatable, comma-separated).")
  var include: [String] = []

  @Option(help: "Skip cases with this tag, feature, id or ETSI area (repeatable, comma-separated).")
  var exclude: [String] = []

  @Option(help: "Features the platform supports, comma-separated (default: the profile's defaults).")
  var features: String?

  @Option(help: "Spec version to judge against, e.g. 1.8 (cases newer than it are not applicable).")
  var specVersion: String?

  @Option(help: "Base URL the platform uses to reach renkei's notification receiver (default: the --listen address).")
  var callbackURL: String?

  @Option(help: "Address of renkei's notification receiver, HOST:PORT (default 127.0.0.1 and a free port).")
  var listen: String?

  @Flag(
    help: """
      Prove each case can fail: run the profile against the built-in reference broker of its face \
      (NGSI v2 for base path /v2, else NGSI-LD) through a proxy that mutates each answer under test, \
      and list the cases that still pass (vacuous).
      """)
  var selfCheck = false

  @Flag(
    help: """
      With --self-check: run against both faces over one store (renkei serve both) instead of the \
      profile's face alone (always so for a profile with an empty base path, which names the face \
      in each path).
      """)
  var bothFaces = false

  @Option(help: "Report format: \(ConformanceFormat.allCases.map(\.rawValue).joined(separator: "|")).")
  var format: ConformanceFormat = .text

  @Option(help: "Write the report to this file instead of standard output.")
  var output: String?

  @Option(
    name: .customLong("report"),
    help: ArgumentHelp("Write a further report in the same run (repeatable).", valueName: "FORMAT=FILE"))
  var extraReports: [ConformanceReportRequest] = []

  func validate() throws {
    guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
    guard CaseRunner.duration(timeout) != nil else { throw ValidationError("--timeout takes e.g. 10s or 500ms") }
    if let deadline, CaseRunner.duration(deadline) == nil { throw ValidationError("--deadline takes e.g. 5m or 90s") }
    if target == nil && !selfCheck { throw ValidationError("--target URL is required (or --self-check)") }
    if bothFaces && !selfCheck { throw ValidationError("--both-faces goes with --self-check") }
    if target != nil && selfCheck {
      throw ValidationError("--self-check runs against the built-in broker; leave out --target")
    }
    for header in headers where !header.contains(":") {
      throw ValidationError("--header takes 'Name: value', got \(header)")
    }
    for variable in variables where !variable.contains("=") {
      throw ValidationError("--var takes NAME=VALUE, got \(variable)")
    }
    if let listen, Self.hostPort(listen) == nil { throw ValidationError("--listen takes HOST:PORT, got \(listen)") }
  }

  static func hostPort(_ text: String) -> (String, Int)? {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
      (0...65535).contains(port)
    else { return nil }
    let host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    return (host.isEmpty ? "127.0.0.1" : host, port)
  }

  func loadProfile() throws -> Profile {
    guard let directory = ProfileLoader.directory(of: profile, profilesRoot: ProfileLocator.profilesDirectory()) else {
      throw RuntimeError("no conformance profile \(profile): set RENKEI_PROFILES to renkei's profiles folder")
    }
    do { return try ProfileLoader().load(directory: directory) } catch { throw RuntimeError("\(error)") }
  }

  func runOptions(_ profile: Profile) throws -> RunOptions {
    var extra: [(String, String)] = []
    if let token { extra.append(("Authorization", "Bearer " + token)) }
    for header in headers {
      let colon = header.firstIndex(of: ":")!
      extra.append(
        (
          String(header[..<colon]).trimmingCharacters(in: .whitespaces),
          String(header[header.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        ))
    }
    let selected =
      features.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
      ?? profile.defaultFeatures
    let known = Set(profile.features.map(\.0))
    for feature in selected where !known.contains(feature) {
      throw ValidationError(
        "unknown feature \(feature); the profile has \(profile.features.map(\.0).joined(separator: ", "))")
    }
    let plan = RunPlan(
      include: include.flatMap { $0.split(separator: ",").map(String.init) },
      exclude: exclude.flatMap { $0.split(separator: ",").map(String.init) }, features: Set(selected),
      specVersion: specVersion ?? (profile.specVersion.isEmpty ? nil : profile.specVersion))
    let vars = variables.map { entry -> (String, String) in
      let equals = entry.firstIndex(of: "=")!
      return (String(entry[..<equals]), String(entry[entry.index(after: equals)...]))
    }
    return RunOptions(
      target: target ?? "", jobs: jobs, tenant: tenant, timeout: CaseRunner.duration(timeout)!,
      deadline: deadline.flatMap(CaseRunner.duration), headers: extra, variables: vars, plan: plan)
  }

  /// Secrets to keep out of reports: the token and the values of credential headers.
  func masker(_ options: RunOptions) -> CredentialMasker {
    var secrets = options.headers.filter { CredentialMasker.isSensitive($0.0) }.map(\.1)
    if let token { secrets.append(token) }
    return CredentialMasker(secrets: secrets)
  }

  func run() throws {
    let profile = try loadProfile()
    let options = try runOptions(profile)
    if selfCheck { return try runSelfCheck(profile, options) }
    let listenAddress = listen.flatMap(Self.hostPort) ?? ("127.0.0.1", 0)
    let callbackURL = callbackURL
    let started = Date()
    let report = try AsyncBridge.run { () async throws -> ConformanceReport in
      let receiver: NotificationReceiver
      do {
        receiver = try await NotificationReceiver.start(
          host: listenAddress.0, port: listenAddress.1, publicURL: callbackURL,
          contextsDirectory: profile.directory + "/contexts")
      } catch {
        throw RuntimeError("cannot listen on \(listenAddress.0):\(listenAddress.1): \(error)")
      }
      let session = HTTPClientSession()
      let clock = ContinuousClock()
      let begin = clock.now
      let results = await ProfileRunner(profile: profile, options: options).run(session: session, receiver: receiver)
      let elapsed = clock.now - begin
      await session.shutdown()
      await receiver.shutdown()
      let formatter = ISO8601DateFormatter()
      return ConformanceReport(
        profile: profile.name, title: profile.title, spec: profile.spec,
        specVersion: options.plan.specVersion ?? profile.specVersion, target: options.target,
        features: options.plan.features.sorted(), generatedAt: formatter.string(from: started),
        milliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
        jobs: options.jobs, results: results)
    }.masked(by: masker(options))
    try ReportWriter.write(format.render(report), to: output)
    for extra in extraReports { try ReportWriter.write(extra.format.render(report), to: extra.path) }
    if report.results.contains(where: { $0.verdict.isProblem }) { throw ExitCode(1) }
  }
}

extension TestCommand {
  /// `--self-check`: the reference broker in process, the mutating proxy in front of it.
  func runSelfCheck(_ profile: Profile, _ options: RunOptions) throws {
    let listenAddress = listen.flatMap(Self.hostPort) ?? ("127.0.0.1", 0)
    let contexts = profile.directory + "/contexts"
    let checks = try AsyncBridge.run { () async throws -> [SelfCheck.CaseCheck] in
      // The reference broker of the profile's face: both faces when asked or when the profile
      // names the face in each path (empty base path), NGSI v2 for base path /v2, else NGSI-LD.
      let server: HTTPServer
      let stopBroker: @Sendable () async -> Void
      if bothFaces || profile.basePath.isEmpty {
        let broker = CombinedBroker()
        server = try await broker.serve(host: "127.0.0.1", port: 0)
        stopBroker = { await broker.shutdown() }
      } else if profile.basePath == "/v2" {
        let broker = NGSIv2Broker()
        server = try await broker.serve(host: "127.0.0.1", port: 0)
        stopBroker = { await broker.shutdown() }
      } else {
        let broker = NGSILDBroker()
        server = try await broker.serve(host: "127.0.0.1", port: 0)
        stopBroker = { await broker.shutdown() }
      }
      let receiver = try await NotificationReceiver.start(
        host: listenAddress.0, port: listenAddress.1, contextsDirectory: contexts)
      let checks = try await SelfCheck(profile: profile, options: options).run(
        upstream: server.baseURL, receiver: receiver)
      await receiver.shutdown()
      await server.shutdown()
      await stopBroker()
      return checks
    }
    try ReportWriter.write(SelfCheck.render(checks), to: output)
    let clean = checks.allSatisfy { $0.baseline == .passed && $0.mutations > 0 && $0.vacuous.isEmpty }
    if !clean { throw ExitCode(1) }
  }
}

/// `FORMAT=FILE` from `renkei test --report`.
struct ConformanceReportRequest: ExpressibleByArgument {
  let format: ConformanceFormat
  let path: String

  init?(argument: String) {
    guard let equals = argument.firstIndex(of: "="),
      let format = ConformanceFormat(rawValue: String(argument[..<equals]))
    else { return nil }
    let path = String(argument[argument.index(after: equals)...])
    guard !path.isEmpty else { return nil }
    self.format = format
    self.path = path
  }
}

extension ConformanceFormat: ExpressibleByArgument {}
