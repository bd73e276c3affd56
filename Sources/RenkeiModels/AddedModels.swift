import Foundation

/// Model repositories a user registered with `renkei models add DIR`, one absolute path per
/// line in `$XDG_CONFIG_HOME/renkei/models` (default `~/.config/renkei/models`).
public enum AddedModels {
  public static var file: String {
    let environment = ProcessInfo.processInfo.environment
    let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
    return base + "/renkei/models"
  }

  public static func directories() -> [String] {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
  }

  /// Records `directory` (made absolute); returns the models found there.
  @discardableResult
  public static func add(_ directory: String) throws -> [ModelCatalog.Model] {
    let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
    let found = ModelCatalog(directories: [absolute]).models
    guard !found.isEmpty else { throw ModelCatalog.CatalogError.notAModelRepository(directory) }
    var known = directories()
    if !known.contains(absolute) { known.append(absolute) }
    let url = URL(fileURLWithPath: file)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try (known.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    return found
  }
}
