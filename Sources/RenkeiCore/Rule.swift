/// A check's identity and wording: stable id, severity, the clause it enforces, and English
/// message templates with `{name}` placeholders. Templates live beside the check that uses the
/// rule, so a translation can later be keyed by `id` without touching the check.
public struct Rule: Sendable, Hashable {
  public let id: String
  public let severity: Severity
  public let spec: SpecReference?
  public let message: String
  public let fix: String?

  public init(
    id: String, severity: Severity, spec: SpecReference?, message: String, fix: String? = nil
  ) {
    self.id = id
    self.severity = severity
    self.spec = spec
    self.message = message
    self.fix = fix
  }

  /// A finding of this rule at `location`, with the templates filled from `arguments`.
  public func finding(at location: SourceLocation, _ arguments: [String: String] = [:]) -> Finding {
    Finding(
      ruleID: id, severity: severity, message: Rule.render(message, arguments),
      fixHint: fix.map { Rule.render($0, arguments) }, location: location, spec: spec,
      arguments: arguments)
  }

  /// Replaces each `{name}` by its argument; unknown placeholders stay as written.
  public static func render(_ template: String, _ arguments: [String: String]) -> String {
    guard template.contains("{") else { return template }
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}") else { break }
      let name = String(rest[rest.index(after: open)..<close])
      if let value = arguments[name] { out += value } else { out += rest[open...close] }
      rest = rest[rest.index(after: close)...]
    }
    out += rest
    return out
  }
}
