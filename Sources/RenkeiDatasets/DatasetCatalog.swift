import Foundation
import RenkeiCore
import RenkeiFormats

/// The dataset profiles of `profiles/datasets/` (one YAML file each), by name.
public struct DatasetCatalog: Sendable {
  public let profiles: [DatasetProfile]

  public init(profiles: [DatasetProfile]) {
    self.profiles = profiles.sorted { $0.name < $1.name }
  }

  /// Reads every `*.yaml` of `directory`.
  public static func load(directory: String) throws(DatasetProfile.LoadError) -> DatasetCatalog {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
      .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    var profiles: [DatasetProfile] = []
    for name in names {
      let path = directory + "/" + name
      guard let bytes = try? FileBytes.read(path) else {
        throw DatasetProfile.LoadError(file: path, reason: "cannot be read")
      }
      let result = YAMLReader().read(bytes, file: path)
      guard let document = result.documents.first, !result.hasErrors else {
        let reason = result.findings.first.map { "\($0.location.compact): \($0.message)" } ?? "no document"
        throw DatasetProfile.LoadError(file: path, reason: reason)
      }
      profiles.append(try DatasetProfile(document.root, file: path))
    }
    return DatasetCatalog(profiles: profiles)
  }

  /// The catalogue of `profiles/datasets` under a profiles folder (see `ProfileLocator`).
  public static func standard(profiles: String?) throws(DatasetProfile.LoadError) -> DatasetCatalog {
    guard let profiles else { return DatasetCatalog(profiles: []) }
    return try load(directory: profiles + "/datasets")
  }

  public func profile(named name: String) -> DatasetProfile? { profiles.first { $0.name == name } }

  public var names: [String] { profiles.map(\.name) }

  // MARK: - Detection

  /// A profile chosen for a file, and why.
  public struct Choice: Sendable {
    public var profile: DatasetProfile
    public var reason: String
    /// The municipality code the file name starts with, if any.
    public var fileCode: String?
  }

  /// The profile a file most likely follows: among those whose file name pattern the file's name
  /// matches, the one whose columns its header matches best; without a name match, the profile
  /// whose columns the header matches best, if at least 60% of them. nil when none fits.
  public func detect(fileName path: String?, labels: [String]?) -> Choice? {
    let base = path.map { String($0.split(separator: "/").last ?? "") } ?? ""
    var byName: [(DatasetProfile, String?)] = []
    for profile in profiles where !profile.fileName.isEmpty {
      if let code = Self.match(base, pattern: profile.fileName) { byName.append((profile, code)) }
    }
    let labels = labels ?? []
    func score(_ profile: DatasetProfile) -> (matched: Int, ratio: Double) {
      let match = HeaderMatch(labels: labels, columns: profile.columns.map(\.name))
      let matched = match.columnOfLabel.compactMap { $0 }.count
      let denominator = profile.partial ? profile.columns.count : max(labels.count, profile.columns.count)
      let ratio = denominator == 0 ? 0 : Double(matched) / Double(denominator)
      // A partial profile knows only its first columns: prefer a complete one on a tie.
      return (matched, profile.partial ? ratio * 0.9 : ratio)
    }
    if !byName.isEmpty {
      let best = byName.max { score($0.0).ratio < score($1.0).ratio }!
      let s = score(best.0)
      var reason = "the file name \(base) follows \(best.0.fileName)"
      if byName.count > 1 || s.ratio < 1 {
        reason +=
          ", and its header matches \(s.matched) of the \(best.0.columns.count) columns"
          + (byName.count > 1 ? " (best of \(byName.map(\.0.name).joined(separator: ", ")))" : "")
      }
      return Choice(profile: best.0, reason: reason, fileCode: best.1)
    }
    guard !labels.isEmpty else { return nil }
    let ranked = profiles.map { ($0, score($0)) }.max { $0.1.ratio < $1.1.ratio }
    guard let (profile, s) = ranked, s.ratio >= 0.6 else { return nil }
    return Choice(
      profile: profile,
      reason: "its header matches \(s.matched) of the \(profile.columns.count) columns of \(profile.name)"
        + " (the file name does not name a dataset)",
      fileCode: nil)
  }

  /// Matches a file name against a pattern with `{code}` (4 to 6 digits, or the templates'
  /// `xxxxxx`) and `{date}` (8 digits); returns the code ("" for `xxxxxx`), nil when the name does
  /// not match. Case-insensitive.
  static func match(_ name: String, pattern: String) -> String? {
    let text = Array(name.lowercased().unicodeScalars)
    let tokens = Array(pattern.lowercased().unicodeScalars)
    var i = 0
    var j = 0
    var code = ""
    while j < tokens.count {
      if tokens[j] == "{", let close = tokens[j...].firstIndex(of: "}") {
        let placeholder = String(String.UnicodeScalarView(tokens[(j + 1)..<close]))
        var digits = ""
        // The templates' own placeholder, `xxxxxx_aed.csv`, names the dataset without a code.
        if placeholder == "code" && text.count >= i + 6 && text[i..<(i + 6)].allSatisfy({ $0 == "x" }) {
          i += 6
          j = close + 1
          continue
        }
        while i < text.count, ("0"..."9").contains(text[i]) {
          digits.unicodeScalars.append(text[i])
          i += 1
        }
        if placeholder == "date" {
          guard digits.count == 8 else { return nil }
        } else {
          guard (4...6).contains(digits.count) else { return nil }
          code = digits
        }
        j = close + 1
        continue
      }
      guard i < text.count, text[i] == tokens[j] else { return nil }
      i += 1
      j += 1
    }
    return i == text.count ? code : nil
  }
}
