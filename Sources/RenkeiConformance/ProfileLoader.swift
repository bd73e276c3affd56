import Foundation
import RenkeiCore
import RenkeiFormats

/// Reads a profile folder: `profile.yaml` and every other `*.yaml` below it (except `fixtures/` and
/// `contexts/`), in path order, expanding variants. Structure errors are load errors, so a typo in a
/// key never turns into a case that silently checks nothing.
public struct ProfileLoader: Sendable {
  static let caseKeys: Set<String> = [
    "id", "title", "clauses", "etsi", "tags", "features", "since", "until", "note", "vars", "setup", "request",
    "expect", "capture", "then", "notifications", "mock", "mockRequests", "teardown", "variants",
  ]
  static let fileKeys: Set<String> = ["area", "defaults", "vars", "cases"]
  static let profileKeys: Set<String> = [
    "name", "title", "spec", "specVersion", "basePath", "etsiPrefix", "tenantHeader", "features",
    "defaultFeatures", "headers", "variables",
  ]

  public init() {}

  /// The folder of a profile given by name (looked up under `profilesRoot/conformance/`) or by path.
  public static func directory(of profile: String, profilesRoot: String?) -> String? {
    let manager = FileManager.default
    if manager.fileExists(atPath: profile + "/profile.yaml") { return profile }
    if let root = profilesRoot, manager.fileExists(atPath: root + "/conformance/" + profile + "/profile.yaml") {
      return root + "/conformance/" + profile
    }
    return nil
  }

  public func load(directory: String) throws(ProfileLoadError) -> Profile {
    let profileTree = try Self.readYAML(directory + "/profile.yaml", display: "profile.yaml")
    guard let members = profileTree.members else { throw ProfileLoadError("profile.yaml", "must be a mapping") }
    try Self.checkKeys(members, allowed: Self.profileKeys, file: "profile.yaml", context: "profile")
    var profile = Profile(name: profileTree["name"]?.string ?? "", directory: directory)
    profile.title = profileTree["title"]?.string ?? profile.name
    profile.spec = profileTree["spec"]?.string ?? ""
    profile.specVersion = profileTree["specVersion"]?.scalarText ?? ""
    profile.basePath = profileTree["basePath"]?.string ?? ""
    profile.etsiPrefix = profileTree["etsiPrefix"]?.string ?? ""
    profile.tenantHeader = profileTree["tenantHeader"]?.string
    profile.features = (profileTree["features"]?.members ?? []).map { ($0.0, $0.1.scalarText) }
    profile.defaultFeatures = (profileTree["defaultFeatures"]?.elements ?? []).map(\.scalarText)
    profile.headers = (profileTree["headers"]?.members ?? []).map { ($0.0, $0.1.scalarText) }
    profile.variables = (profileTree["variables"]?.members ?? []).map { ($0.0, $0.1.scalarText) }
    let known = Set(profile.features.map(\.0))
    for feature in profile.defaultFeatures where !known.contains(feature) {
      throw ProfileLoadError("profile.yaml", "default feature \(feature) is not declared under features")
    }

    var seen: [String: String] = [:]
    for file in Self.caseFiles(in: directory) {
      let tree = try Self.readYAML(directory + "/" + file, display: file)
      for testCase in try cases(in: tree, file: file, profile: profile) {
        if let other = seen[testCase.id] {
          throw ProfileLoadError(file, "case id \(testCase.id) is also used in \(other)")
        }
        for feature in testCase.features where !known.contains(feature) {
          throw ProfileLoadError(file, "case \(testCase.id) needs feature \(feature), not declared in profile.yaml")
        }
        seen[testCase.id] = file
        profile.cases.append(testCase)
      }
    }
    return profile
  }

  /// Case files relative to the profile folder, sorted so the load order is the same everywhere.
  static func caseFiles(in directory: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
    var files: [String] = []
    while let path = enumerator.nextObject() as? String {
      if path.hasPrefix("fixtures") || path.hasPrefix("contexts") { continue }
      if path.hasSuffix(".yaml") && path != "profile.yaml" { files.append(path) }
    }
    return files.sorted()
  }

  static func readYAML(_ path: String, display: String) throws(ProfileLoadError) -> JSONTree {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ProfileLoadError(display, "cannot be read")
    }
    let result = YAMLReader().read([UInt8](data), file: display)
    if let error = result.findings.first(where: { $0.severity == .error }) {
      throw ProfileLoadError(display, "not valid YAML: \(error.message)")
    }
    guard result.documents.count == 1 else { throw ProfileLoadError(display, "must hold exactly one YAML document") }
    return JSONTree(result.documents[0].root)
  }

  /// Parses one case file's text (the loader's unit; tests call it directly).
  public func cases(in tree: JSONTree, file: String, profile: Profile) throws(ProfileLoadError) -> [TestCase] {
    guard let members = tree.members else { throw ProfileLoadError(file, "must be a mapping with `cases`") }
    try Self.checkKeys(members, allowed: Self.fileKeys, file: file, context: "file")
    let area = tree["area"]?.string ?? ""
    let defaults = tree["defaults"]
    if let defaults, let defaultMembers = defaults.members {
      try Self.checkKeys(defaultMembers, allowed: Self.caseKeys, file: file, context: "defaults")
    }
    let fileVars = try Self.variables(tree["vars"], file: file, context: "vars")
    guard let list = tree["cases"]?.elements else { throw ProfileLoadError(file, "`cases` must be a list") }
    var result: [TestCase] = []
    for (index, entry) in list.enumerated() {
      guard let caseMembers = entry.members else { throw ProfileLoadError(file, "case \(index + 1) is not a mapping") }
      try Self.checkKeys(caseMembers, allowed: Self.caseKeys, file: file, context: "case \(index + 1)")
      let base = Self.merge(defaults ?? .object([]), entry)
      if let variants = entry["variants"]?.elements {
        for (number, variant) in variants.enumerated() {
          guard let variantMembers = variant.members else {
            throw ProfileLoadError(file, "variant \(number + 1) of case \(index + 1) is not a mapping")
          }
          try Self.checkKeys(variantMembers, allowed: Self.caseKeys, file: file, context: "variant \(number + 1)")
          let merged = Self.merge(base, variant, replaceLists: true)
          result.append(try makeCase(merged, file: file, area: area, fileVars: fileVars, profile: profile))
        }
      } else {
        result.append(try makeCase(base, file: file, area: area, fileVars: fileVars, profile: profile))
      }
    }
    return result
  }

  private func makeCase(
    _ original: JSONTree, file: String, area: String, fileVars: [(String, JSONTree)], profile: Profile
  ) throws(ProfileLoadError) -> TestCase {
    guard let id = original["id"]?.string, !id.isEmpty else { throw ProfileLoadError(file, "a case has no `id`") }
    // A step list written as "{{name}}" is a list variable of the file or case (shared setups).
    var tree = original
    let caseVarsEarly = try Self.variables(original["vars"], file: file, context: "case \(id) vars")
    for key in ["setup", "then", "teardown", "notifications", "mockRequests"] {
      guard let text = tree[key]?.string else { continue }
      let name = text.hasPrefix("{{") && text.hasSuffix("}}") ? String(text.dropFirst(2).dropLast(2)) : ""
      guard let list = (caseVarsEarly + fileVars).first(where: { $0.0 == name })?.1, list.array != nil else {
        throw ProfileLoadError(file, "case \(id): `\(key)` must be a list or the name of a list variable")
      }
      tree[key] = list
    }
    // A request written as "{{name}}" is a mapping variable (one request shared by many cases).
    let variables = caseVarsEarly + fileVars
    func resolveRequest(_ step: JSONTree) throws(ProfileLoadError) -> JSONTree {
      guard let text = step["request"]?.string else { return step }
      let name = text.hasPrefix("{{") && text.hasSuffix("}}") ? String(text.dropFirst(2).dropLast(2)) : ""
      guard let request = variables.first(where: { $0.0 == name })?.1, request.members != nil else {
        throw ProfileLoadError(file, "case \(id): a request must be a mapping or the name of a mapping variable")
      }
      var resolved = step
      resolved["request"] = request
      return resolved
    }
    tree = try resolveRequest(tree)
    for key in ["setup", "then", "teardown"] {
      guard let steps = tree[key]?.array else { continue }
      var resolved: [JSONTree] = []
      for step in steps { resolved.append(try resolveRequest(step)) }
      tree[key] = .array(resolved)
    }
    guard let request = tree["request"], request.members != nil else {
      throw ProfileLoadError(file, "case \(id) has no `request` mapping")
    }
    func list(_ key: String) throws(ProfileLoadError) -> [JSONTree] {
      guard let value = tree[key] else { return [] }
      guard let elements = value.elements else { throw ProfileLoadError(file, "case \(id): `\(key)` must be a list") }
      return elements
    }
    // `null` in a variant clears what the case set.
    func text(_ key: String) -> String? {
      guard let value = tree[key], value != .null else { return nil }
      return value.scalarText
    }
    func strings(_ key: String) throws(ProfileLoadError) -> [String] {
      var out: [String] = []
      for element in try list(key) { out.append(element.scalarText) }
      return out
    }
    // A relative ETSI id (`001_01_01`, `Sub/001_01_01`) is relative to the file's area.
    var etsi = text("etsi")
    if let relative = etsi, profile.etsiPrefix.isEmpty || !relative.hasPrefix(profile.etsiPrefix) {
      guard !area.isEmpty else { throw ProfileLoadError(file, "case \(id): relative etsi id without `area`") }
      etsi = profile.etsiPrefix + area + "/" + relative
    }
    // The case's area is the test purpose's (it may be deeper than the file's).
    var caseArea = area
    if let etsi, let slash = etsi.lastIndex(of: "/") {
      caseArea = String(etsi[..<slash].dropFirst(profile.etsiPrefix.count))
    }
    let caseVars = try Self.variables(tree["vars"], file: file, context: "case \(id) vars")
    try Self.checkSteps(tree, id: id, file: file)
    return TestCase(
      id: id, title: tree["title"]?.scalarText ?? id, clauses: try strings("clauses"), etsi: etsi,
      tags: try strings("tags"), features: try strings("features"), since: text("since"),
      until: text("until"), note: text("note"), file: file, area: caseArea,
      vars: fileVars + caseVars, setup: try list("setup"), request: request, expect: tree["expect"],
      capture: tree["capture"], then: try list("then"), notifications: try list("notifications"),
      mock: tree["mock"], mockRequests: try list("mockRequests"), teardown: try list("teardown"))
  }

  static let stepKeys: Set<String> = ["request", "expect", "capture", "awaitNotifications", "within", "sleep"]
  static let requestKeys: Set<String> = ["method", "path", "query", "headers", "body", "bodyText", "bodyFile"]
  static let expectKeys: Set<String> = ["status", "headers", "body"]
  static let bodyKeys: Set<String> = [
    "empty", "json", "subset", "exact", "unordered", "ignore", "schema", "problem", "count", "present", "absent",
  ]
  static let notificationKeys: Set<String> = ["within", "expect", "none"]
  static let mockKeys: Set<String> = ["respond"]
  static let mockAnswerKeys: Set<String> = ["method", "path", "status", "headers", "body", "bodyText", "delay"]
  static let mockRequestKeys: Set<String> = ["within", "expect", "none", "method", "path"]

  /// Checks the keys of every step now, before any `{{variable}}` exists.
  static func checkSteps(_ tree: JSONTree, id: String, file: String) throws(ProfileLoadError) {
    func request(_ value: JSONTree?, _ context: String) throws(ProfileLoadError) {
      guard let members = value?.members else { throw ProfileLoadError(file, "case \(id) \(context): no request") }
      try checkKeys(members, allowed: requestKeys, file: file, context: "case \(id) \(context) request")
      if value?["method"] == nil || value?["path"] == nil {
        throw ProfileLoadError(file, "case \(id) \(context): a request needs method and path")
      }
    }
    func expect(_ value: JSONTree?, _ context: String) throws(ProfileLoadError) {
      guard let value else { return }
      guard let members = value.members else {
        throw ProfileLoadError(file, "case \(id) \(context): expect is not a mapping")
      }
      try checkKeys(members, allowed: expectKeys, file: file, context: "case \(id) \(context) expect")
      if let body = value["body"] {
        guard let bodyMembers = body.members else {
          throw ProfileLoadError(file, "case \(id) \(context): body is not a mapping")
        }
        try checkKeys(bodyMembers, allowed: bodyKeys, file: file, context: "case \(id) \(context) expect.body")
      }
    }
    func steps(_ key: String) throws(ProfileLoadError) {
      for (index, step) in (tree[key]?.elements ?? []).enumerated() {
        guard let members = step.members else {
          throw ProfileLoadError(file, "case \(id) \(key) \(index + 1): not a mapping")
        }
        try checkKeys(members, allowed: stepKeys, file: file, context: "case \(id) \(key) \(index + 1)")
        // A step is a request, a wait for notifications, or a pause.
        if step["awaitNotifications"] != nil || step["sleep"] != nil { continue }
        try request(step["request"], "\(key) \(index + 1)")
        try expect(step["expect"], "\(key) \(index + 1)")
      }
    }
    try request(tree["request"], "")
    try expect(tree["expect"], "")
    try steps("setup")
    try steps("then")
    try steps("teardown")
    for (index, notification) in (tree["notifications"]?.elements ?? []).enumerated() {
      guard let members = notification.members else {
        throw ProfileLoadError(file, "case \(id) notification \(index + 1): not a mapping")
      }
      try checkKeys(members, allowed: notificationKeys, file: file, context: "case \(id) notification \(index + 1)")
      try expect(notification["expect"], "notification \(index + 1)")
    }
    if let mock = tree["mock"] {
      guard let members = mock.members else { throw ProfileLoadError(file, "case \(id) mock: not a mapping") }
      try checkKeys(members, allowed: mockKeys, file: file, context: "case \(id) mock")
      guard let answers = mock["respond"]?.elements else {
        throw ProfileLoadError(file, "case \(id) mock: `respond` must be a list")
      }
      for (index, answer) in answers.enumerated() {
        guard let answerMembers = answer.members, answer["path"] != nil else {
          throw ProfileLoadError(file, "case \(id) mock answer \(index + 1): a mapping with a path")
        }
        try checkKeys(
          answerMembers, allowed: mockAnswerKeys, file: file, context: "case \(id) mock answer \(index + 1)")
      }
    }
    for (index, received) in (tree["mockRequests"]?.elements ?? []).enumerated() {
      guard let members = received.members else {
        throw ProfileLoadError(file, "case \(id) mock request \(index + 1): not a mapping")
      }
      try checkKeys(members, allowed: mockRequestKeys, file: file, context: "case \(id) mock request \(index + 1)")
      try expect(received["expect"], "mock request \(index + 1)")
    }
  }

  static func checkKeys(
    _ members: [(String, JSONTree)], allowed: Set<String>, file: String, context: String
  ) throws(ProfileLoadError) {
    for (key, _) in members where !allowed.contains(key) {
      throw ProfileLoadError(
        file, "\(context): unknown key `\(key)` (allowed: \(allowed.sorted().joined(separator: ", ")))")
    }
  }

  static func variables(_ tree: JSONTree?, file: String, context: String) throws(ProfileLoadError) -> [(
    String, JSONTree
  )] {
    guard let tree else { return [] }
    guard let members = tree.members else { throw ProfileLoadError(file, "\(context) must be a mapping") }
    return members.map { ($0.key, $0.value) }
  }

  /// `overlay` over `base`: mappings merge recursively for `vars`; `tags` and `clauses` append
  /// (file defaults + case), other keys replace. Variants replace lists too.
  static func merge(_ base: JSONTree, _ overlay: JSONTree, replaceLists: Bool = false) -> JSONTree {
    guard var members = base.members, let extra = overlay.members else { return overlay }
    for (key, value) in extra where key != "variants" {
      if let index = members.firstIndex(where: { $0.0 == key }) {
        let old = members[index].1
        if key == "vars", let oldMembers = old.members, let newMembers = value.members {
          var combined = oldMembers
          for (name, item) in newMembers {
            if let at = combined.firstIndex(where: { $0.0 == name }) {
              combined[at].1 = item
            } else {
              combined.append((name, item))
            }
          }
          members[index].1 = .object(combined)
        } else if !replaceLists, key == "tags" || key == "clauses", let a = old.elements, let b = value.elements {
          var combined = a
          for item in b where !combined.contains(item) { combined.append(item) }
          members[index].1 = .array(combined)
        } else {
          members[index].1 = value
        }
      } else {
        members.append((key, value))
      }
    }
    return .object(members.filter { $0.0 != "variants" })
  }
}
