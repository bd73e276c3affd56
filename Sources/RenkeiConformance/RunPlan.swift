import RenkeiCore

/// Which cases run: tag filters, selected features (PICS) and the spec version. A case left out is
/// reported (skipped or not applicable), never dropped.
public struct RunPlan: Sendable {
  /// A case runs only if it matches one of these (tag, feature, id or area prefix); empty = all.
  public var include: [String]
  public var exclude: [String]
  public var features: Set<String>
  /// e.g. "1.8" or "1.8.1"; nil = the profile's version.
  public var specVersion: String?

  public init(include: [String] = [], exclude: [String] = [], features: Set<String> = [], specVersion: String? = nil) {
    self.include = include
    self.exclude = exclude
    self.features = features
    self.specVersion = specVersion
  }

  /// nil when the case runs, else the verdict it gets without running.
  public func decide(_ testCase: TestCase) -> Verdict? {
    if let hit = exclude.first(where: { Self.matches($0, testCase) }) {
      return .skipped("excluded by --exclude \(hit)")
    }
    if !include.isEmpty && !include.contains(where: { Self.matches($0, testCase) }) {
      return .skipped("not selected by --include")
    }
    let missing = testCase.features.filter { !features.contains($0) }
    if !missing.isEmpty {
      return .skipped("needs feature \(missing.joined(separator: ", ")) (--features)")
    }
    if let version = specVersion {
      if let since = testCase.since, Self.compare(since, version) > 0 {
        return .notApplicable("since \(since), spec version \(version) selected")
      }
      if let until = testCase.until, Self.compare(until, version) < 0 {
        return .notApplicable("until \(until), spec version \(version) selected")
      }
    }
    return nil
  }

  static func matches(_ selector: String, _ testCase: TestCase) -> Bool {
    testCase.tags.contains(selector) || testCase.features.contains(selector) || testCase.id == selector
      || (!testCase.area.isEmpty && (testCase.area == selector || testCase.area.hasPrefix(selector + "/")))
  }

  /// Compares dotted versions on the components `selected` gives: "1.8.1" is within "1.8".
  static func compare(_ version: String, _ selected: String) -> Int {
    let a = version.split(separator: ".").map { Int($0) ?? 0 }
    let b = selected.split(separator: ".").map { Int($0) ?? 0 }
    for index in 0..<b.count {
      let x = index < a.count ? a[index] : 0
      if x != b[index] { return x < b[index] ? -1 : 1 }
    }
    return 0
  }
}
