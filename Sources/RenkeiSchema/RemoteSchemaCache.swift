import Foundation
import RenkeiCore

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Fetches remote schemas (only with `--allow-network`) and keeps them on disk, so a second
/// run, or a run on a closed network after one connected run, needs no network.
struct RemoteSchemaCache {
  let directory: String

  init(directory: String?) {
    self.directory =
      directory
      ?? (ProcessInfo.processInfo.environment["XDG_CACHE_HOME"]
        ?? (NSHomeDirectory() + "/.cache")) + "/renkei/schemas"
  }

  func fetch(_ url: String) throws -> [UInt8] {
    let file = directory + "/" + cacheName(url)
    if let cached = try? FileBytes.read(file) { return cached }
    guard let remote = URL(string: url) else {
      throw SchemaRegistry.RegistryError.cannotLoad(uri: url, reason: "not a URL")
    }
    let data: Data
    do {
      data = try Data(contentsOf: remote)
    } catch {
      throw SchemaRegistry.RegistryError.cannotLoad(uri: url, reason: error.localizedDescription)
    }
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: file, contents: data)
    return [UInt8](data)
  }

  /// A file name that keeps the URL readable and cannot escape the folder.
  private func cacheName(_ url: String) -> String {
    String(url.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }) + ".json"
  }
}
