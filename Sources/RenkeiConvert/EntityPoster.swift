import Dispatch
import Foundation
import RenkeiCore
import RenkeiHTTP

/// Loads converted entities into a platform: NGSI-LD brokers through batch upsert
/// (`POST /ngsi-ld/v1/entityOperations/upsert`, ETSI GS CIM 009 §6.15.3.1), NGSI v2 brokers through
/// `POST /v2/op/update` (append). Entities are sent in batches of bounded size as they are made;
/// a batch that fails for the transport or a 5xx/429 answer is sent again (bounded retries with
/// exponential backoff); every entity the broker did not take becomes a finding naming its row
/// and the broker's reason.
public final class EntityPoster: @unchecked Sendable {
  public enum Dialect: Sendable { case ngsiLD, ngsiV2 }

  public struct Options: Sendable {
    /// The broker's base URL (`http://broker:1026`), or the full operation URL.
    public var url: String
    public var dialect: Dialect
    /// NGSI v2 entities in key-values form (`?options=keyValues`).
    public var keyValues: Bool
    /// `NGSILD-Tenant` (NGSI-LD) or `Fiware-Service` (NGSI v2).
    public var tenant: String?
    /// `Fiware-ServicePath` (NGSI v2).
    public var servicePath: String?
    /// Sent as `Authorization: Bearer …`.
    public var token: String?
    public var batchSize: Int
    public var timeout: Duration
    /// Further attempts after the first for a batch that failed for the transport or a 5xx/429.
    public var retries: Int
    /// Wait before the first retry; doubled for each further one.
    public var backoff: Duration

    public init(
      url: String, dialect: Dialect, keyValues: Bool = false, tenant: String? = nil, servicePath: String? = nil,
      token: String? = nil, batchSize: Int = 100, timeout: Duration = .seconds(30), retries: Int = 3,
      backoff: Duration = .milliseconds(200)
    ) {
      self.url = url
      self.dialect = dialect
      self.keyValues = keyValues
      self.tenant = tenant
      self.servicePath = servicePath
      self.token = token
      self.batchSize = max(1, batchSize)
      self.timeout = timeout
      self.retries = max(0, retries)
      self.backoff = backoff
    }
  }

  public let options: Options
  /// Entities the broker accepted, and those it did not.
  public private(set) var accepted = 0
  public private(set) var failed = 0
  public private(set) var requests = 0
  public private(set) var findings: [Finding] = []
  private let session: HTTPClientSession
  private var pending: [(row: Int, id: String, bytes: [UInt8])] = []
  private let file: String?

  public init(options: Options, file: String?) {
    self.options = options
    self.file = file
    session = HTTPClientSession(connectTimeout: min(options.timeout, .seconds(5)))
  }

  /// The URL the batches go to.
  public var endpoint: String {
    let base = options.url.hasSuffix("/") ? String(options.url.dropLast()) : options.url
    switch options.dialect {
    case .ngsiLD:
      return base.hasSuffix("/entityOperations/upsert") ? base : base + "/ngsi-ld/v1/entityOperations/upsert"
    case .ngsiV2:
      let operation = base.hasSuffix("/op/update") ? base : base + "/v2/op/update"
      return options.keyValues ? operation + "?options=keyValues" : operation
    }
  }

  /// Queues one entity (its JSON text); sends a batch when enough are queued.
  public func add(row: Int, id: String, json: ArraySlice<UInt8>) {
    var bytes = Array(json)
    while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
    pending.append((row, id, bytes))
    if pending.count >= options.batchSize { flush() }
  }

  /// Sends what is queued, then closes the connections.
  public func finish() {
    flush()
    let session = self.session
    Self.wait { await session.shutdown() }
  }

  private func flush() {
    guard !pending.isEmpty else { return }
    let batch = pending
    pending.removeAll(keepingCapacity: true)
    var body: [UInt8] = []
    if options.dialect == .ngsiV2 { body += Array(#"{"actionType":"append","entities":"#.utf8) }
    body.append(0x5B)
    for (index, entity) in batch.enumerated() {
      if index > 0 { body.append(0x2C) }
      body += entity.bytes
    }
    body.append(0x5D)
    if options.dialect == .ngsiV2 { body.append(0x7D) }
    var headers = HTTPHeaderFields()
    headers.add("Content-Type", options.dialect == .ngsiLD ? "application/ld+json" : "application/json")
    headers.add("Accept", "application/json")
    if let tenant = options.tenant {
      headers.add(options.dialect == .ngsiLD ? "NGSILD-Tenant" : "Fiware-Service", tenant)
    }
    if let servicePath = options.servicePath, options.dialect == .ngsiV2 {
      headers.add("Fiware-ServicePath", servicePath)
    }
    if let token = options.token { headers.add("Authorization", "Bearer " + token) }
    let request = HTTPRequestMessage(method: "POST", target: endpoint, headers: headers, body: body)
    var delay = options.backoff
    var attempt = 0
    while true {
      requests += 1
      let outcome = send(request)
      switch outcome {
      case .success(let response) where !(response.status >= 500 || response.status == 429):
        record(response, batch)
        return
      case .success(let response) where attempt >= options.retries:
        reject(batch, "HTTP \(response.status) after \(attempt + 1) attempts: \(Self.reason(response))")
        return
      case .failure(let error) where attempt >= options.retries:
        reject(batch, "\(error.description) (after \(attempt + 1) attempts)")
        return
      default:
        attempt += 1
        let (seconds, attoseconds) = delay.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
        delay = delay * 2
      }
    }
  }

  private func send(_ request: HTTPRequestMessage) -> Result<HTTPResponseMessage, HTTPTransportError> {
    let session = self.session
    let timeout = options.timeout
    return Self.wait {
      do throws(HTTPTransportError) {
        return .success(try await session.send(request, timeout: timeout))
      } catch {
        return .failure(error)
      }
    }
  }

  /// What the broker said about each entity of the batch.
  private func record(_ response: HTTPResponseMessage, _ batch: [(row: Int, id: String, bytes: [UInt8])]) {
    switch response.status {
    case 200..<300 where response.status != 207:
      accepted += batch.count
    case 207:
      // NGSI-LD BatchOperationResult: {"success": [ids], "errors": [{"entityId", "error": ProblemDetails}]}.
      var reasons: [String: String] = [:]
      if let root = try? JSONParser().parse(response.body).document.root, let errors = root["errors"] {
        for error in errors.elements {
          guard let id = error["entityId"]?.string else { continue }
          let problem = error["error"]
          reasons[id] =
            [problem?["title"]?.string, problem?["detail"]?.string, problem?["type"]?.string].compactMap { $0 }.first
            ?? "rejected"
        }
      }
      for entity in batch {
        if let reason = reasons[entity.id] { reject([entity], "HTTP 207: " + reason) } else { accepted += 1 }
      }
    default:
      reject(batch, "HTTP \(response.status): \(Self.reason(response))")
    }
  }

  private func reject(_ batch: [(row: Int, id: String, bytes: [UInt8])], _ reason: String) {
    failed += batch.count
    for entity in batch {
      findings.append(
        ConvertRules.postRejected.finding(
          at: SourceLocation(file: file, row: entity.row),
          ["id": entity.id, "row": String(entity.row), "url": endpoint, "reason": reason]))
    }
  }

  /// The broker's own words (ProblemDetails title/detail, Orion's error/description), else the body.
  static func reason(_ response: HTTPResponseMessage) -> String {
    if let root = try? JSONParser().parse(response.body).document.root {
      let parts = ["title", "detail", "error", "description"].compactMap { root[$0]?.string }
      if !parts.isEmpty { return parts.joined(separator: ": ") }
    }
    let text = response.bodyText
    return text.isEmpty ? "no reason given" : String(text.prefix(200))
  }

  /// Runs async work from the converter's synchronous loop and waits for it.
  static func wait<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let box = Box<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
      box.value = await work()
      done.signal()
    }
    done.wait()
    return box.value!
  }

  private final class Box<T>: @unchecked Sendable {
    var value: T?
  }
}
