import Foundation

/// Finds the `profiles/` folder renkei ships with: `RENKEI_PROFILES` when set, else the one of
/// the checkout the executable was built in (…/.build/<config>/renkei → …/profiles), else
/// `./profiles`.
public enum ProfileLocator {
  public static func profilesDirectory(executable: String = CommandLine.arguments.first ?? "") -> String? {
    let manager = FileManager.default
    if let explicit = ProcessInfo.processInfo.environment["RENKEI_PROFILES"], !explicit.isEmpty {
      return explicit
    }
    var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<5 {
      let candidate = url.appendingPathComponent("profiles").path
      if manager.fileExists(atPath: candidate + "/models") { return candidate }
      url.deleteLastPathComponent()
    }
    let local = manager.currentDirectoryPath + "/profiles"
    return manager.fileExists(atPath: local + "/models") ? local : nil
  }
}
