import Foundation
import RenkeiCore

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Downloads a model from the Smart Data Models published site (only on `--allow-network`):
/// its schema, examples and subject context, plus any schema the model references that renkei
/// does not have yet, into a local folder that `renkei models add` then registers. Later runs
/// are offline.
public struct PublishedModelFetcher: Sendable {
  public enum FetchError: Error, CustomStringConvertible {
    case badName(String)
    case download(url: String, reason: String)

    public var description: String {
      switch self {
      case .badName(let name): return "\(name) is not of the form dataModel.Subject/Model"
      case .download(let url, let reason): return "cannot download \(url): \(reason)"
      }
    }
  }

  /// The published site; `RENKEI_SMART_DATA_MODELS_BASE` overrides it (mirrors, tests).
  public let base: String
  public let destination: String

  public init(destination: String, base: String? = nil) {
    self.destination = destination
    self.base =
      base ?? ProcessInfo.processInfo.environment["RENKEI_SMART_DATA_MODELS_BASE"]
      ?? "https://smart-data-models.github.io/"
  }

  /// The user's folder for downloaded models.
  public static var defaultDestination: String {
    let environment = ProcessInfo.processInfo.environment
    let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
    return data + "/renkei/models"
  }

  /// Fetches "dataModel.Subject/Model"; returns the subject folder to register.
  public func fetch(_ name: String, knownSchemas: Set<String>) throws -> String {
    let parts = name.split(separator: "/").map(String.init)
    guard parts.count == 2, parts[0].hasPrefix("dataModel."), !parts.contains(where: { $0.contains("..") }) else {
      throw FetchError.badName(name)
    }
    let (subject, model) = (parts[0], parts[1])
    let subjectDirectory = destination + "/" + subject
    let modelDirectory = subjectDirectory + "/" + model
    try FileManager.default.createDirectory(atPath: modelDirectory + "/examples", withIntermediateDirectories: true)
    let schemaURL = base + subject + "/" + model + "/schema.json"
    let schema = try download(schemaURL)
    try write(schema, to: modelDirectory + "/schema.json")
    for example in ["example.json", "example-normalized.json", "example.jsonld", "example-normalized.jsonld"] {
      // Not every model ships every representation: a missing example is not an error.
      if let bytes = try? download(base + subject + "/" + model + "/examples/" + example) {
        try write(bytes, to: modelDirectory + "/examples/" + example)
      }
    }
    if let context = try? download(base + subject + "/context.jsonld") {
      try write(context, to: subjectDirectory + "/context.jsonld")
    }
    // Shared schemas the model references (Weather-Commons ...) that the catalogue lacks.
    var known = knownSchemas
    for reference in PublishedModelFetcher.externalReferences(in: schema) where !known.contains(reference) {
      known.insert(reference)
      let bytes = try download(reference)
      let file = (reference as NSString).lastPathComponent
      try write(bytes, to: subjectDirectory + "/" + (file.contains("schema") ? file : "referenced-schema-" + file))
    }
    return subjectDirectory
  }

  /// Absolute `$ref` targets (without fragments) of a schema.
  static func externalReferences(in bytes: [UInt8]) -> [String] {
    guard let root = try? JSONParser().parse(bytes).document.root else { return [] }
    var found: [String] = []
    func walk(_ value: JSONValue) {
      switch value.kind {
      case .object:
        value.forEachMember { key, member in
          if key.stringEquals("$ref"), let reference = member.string, reference.hasPrefix("http") {
            let document = String(reference.split(separator: "#", maxSplits: 1).first ?? "")
            if !found.contains(document) { found.append(document) }
          } else {
            walk(member)
          }
        }
      case .array:
        value.forEachElement { _, element in walk(element) }
      default:
        break
      }
    }
    walk(root)
    return found
  }

  /// A blocking GET that fails on any status but 200 (Data(contentsOf:) would keep a 404 page).
  private func download(_ url: String) throws -> [UInt8] {
    guard let remote = URL(string: url) else { throw FetchError.download(url: url, reason: "not a URL") }
    final class Outcome: @unchecked Sendable {
      var bytes: [UInt8]?
      var reason = "no answer"
    }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    var request = URLRequest(url: remote)
    request.timeoutInterval = 30
    URLSession.shared.dataTask(with: request) { data, response, error in
      if let error {
        outcome.reason = error.localizedDescription
      } else if let status = (response as? HTTPURLResponse)?.statusCode, status != 200 {
        outcome.reason = "HTTP status \(status)"
      } else if let data {
        outcome.bytes = [UInt8](data)
      }
      done.signal()
    }.resume()
    done.wait()
    guard let bytes = outcome.bytes else { throw FetchError.download(url: url, reason: outcome.reason) }
    return bytes
  }

  private func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }
}
