import RenkeiCore

/// SARIF 2.1.0 (OASIS), the format code-scanning views read: GitHub code scanning, the VS Code
/// SARIF viewer, Azure DevOps. One run; `tool.driver.rules` lists the rules that fired, sorted
/// by id, and each result points at its rule by `ruleId` and `ruleIndex`.
///
/// Mapping:
/// - level: error → "error", warning → "warning", info → "note";
/// - the file path goes into `artifactLocation.uri` as a relative URI reference
///   (percent-encoded), which GitHub resolves against the repository root;
/// - line and column go into `region` (`columnKind` is "unicodeCodePoints", which is how renkei
///   counts columns); a location without a line has no region rather than an invented one;
/// - a JSON Pointer becomes a logical location (`fullyQualifiedName`); document number,
///   table row and field, the fix hint and the rule arguments go into the result's
///   `properties`;
/// - SARIF `fixes` describe concrete text edits, which renkei does not compute, so the fix hint
///   is also appended to `message.markdown`, for viewers that show Markdown.
/// - every input file is listed in `artifacts`, so files that passed are part of the record.
///
/// Built with RenkeiCore's JSON builder, like the JSON report, and as deterministic.
public struct SARIFReporter: Reporter {
  public static let identifier = "sarif"
  public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

  /// The rule catalogue, when the caller has it: a rule listed here is described by its
  /// message template (`shortDescription`), fix template (`help`) and severity
  /// (`defaultConfiguration`). Rules that fired but are not listed are described from their
  /// findings.
  public var rules: [Rule]
  /// A page about renkei for `tool.driver.informationUri`; left out when nil.
  public var informationURI: String?

  public init(rules: [Rule] = [], informationURI: String? = nil) {
    self.rules = rules
    self.informationURI = informationURI
  }

  public func render(_ report: Report) -> String {
    let findings = report.subjects.map(\.reportFindings)
    let descriptors = ruleDescriptors(findings.flatMap { $0 })
    let ruleIndex = Dictionary(
      uniqueKeysWithValues: descriptors.enumerated().map { ($0.element.id, $0.offset) })
    var artifactIndex: [String: Int] = [:]
    for (index, subject) in report.subjects.enumerated() where artifactIndex[subject.path] == nil {
      artifactIndex[subject.path] = index
    }

    var json = JSONBuilder()
    json.object { json in
      json.member("$schema", Self.schemaURI)
      json.member("version", "2.1.0")
      json.arrayMember("runs") { runs in
        runs.object { run in
          run.objectMember("tool") { tool in
            tool.objectMember("driver") { driver in
              driver.member("name", "renkei")
              driver.member("version", report.toolVersion)
              driver.member("informationUri", ifPresent: informationURI)
              driver.arrayMember("rules") { rules in
                for descriptor in descriptors { rules.object { descriptor.write(into: &$0) } }
              }
            }
          }
          run.member("columnKind", "unicodeCodePoints")
          run.arrayMember("artifacts") { artifacts in
            for subject in report.subjects {
              artifacts.object { artifact in
                artifact.objectMember("location") { $0.member("uri", Self.uri(subject.path)) }
                artifact.arrayMember("roles") { $0.string("analysisTarget") }
                artifact.objectMember("properties") { properties in
                  properties.member("format", subject.format)
                  properties.member("items", subject.itemCount)
                }
              }
            }
          }
          run.arrayMember("results") { results in
            for finding in findings.joined() {
              results.object { result in
                write(finding, ruleIndex: ruleIndex[finding.ruleID]!, artifactIndex: artifactIndex, into: &result)
              }
            }
          }
          run.objectMember("properties") { $0.member("command", report.command) }
        }
      }
    }
    return json.prettyText()
  }

  private func write(
    _ finding: Finding, ruleIndex: Int, artifactIndex: [String: Int], into json: inout JSONBuilder
  ) {
    let location = finding.location
    json.member("ruleId", finding.ruleID)
    json.member("ruleIndex", ruleIndex)
    json.member("level", Self.level(finding.severity))
    json.objectMember("message") { message in
      message.member("text", finding.message)
      if let fix = finding.fixHint {
        message.member(
          "markdown", MarkdownEscaping.inline(finding.message) + "\n\n**Fix:** " + MarkdownEscaping.inline(fix))
      }
    }
    if let file = location.file {
      json.arrayMember("locations") { locations in
        locations.object { entry in
          entry.objectMember("physicalLocation") { physical in
            physical.objectMember("artifactLocation") { artifact in
              artifact.member("uri", Self.uri(file))
              artifact.member("index", ifPresent: artifactIndex[file])
            }
            // SARIF lines and columns start at 1; anything else is not a position to show.
            if let line = location.line, line >= 1 {
              physical.objectMember("region") { region in
                region.member("startLine", line)
                if let column = location.column, column >= 1 { region.member("startColumn", column) }
              }
            }
          }
          if let pointer = location.pointer {
            entry.arrayMember("logicalLocations") { logical in
              logical.object { $0.member("fullyQualifiedName", pointer) }
            }
          }
        }
      }
    }
    let hasProperties =
      finding.fixHint != nil || location.document != nil || location.row != nil
      || location.field != nil || !finding.arguments.isEmpty
    if hasProperties {
      json.objectMember("properties") { properties in
        properties.member("fix", ifPresent: finding.fixHint)
        properties.member("document", ifPresent: location.document)
        properties.member("row", ifPresent: location.row)
        properties.member("field", ifPresent: location.field)
        if !finding.arguments.isEmpty { properties.stringMapMember("arguments", finding.arguments) }
      }
    }
  }

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: return "error"
    case .warning: return "warning"
    case .info: return "note"
    }
  }

  /// A path as a URI reference: every byte outside the unreserved set and "/" percent-encoded,
  /// so spaces, non-ASCII names (市町村.csv) and a ":" that would read as a scheme are safe.
  static func uri(_ path: String) -> String {
    var out = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += byte < 0x10 ? "%0" + hex : "%" + hex
      }
    }
    return out
  }

  // MARK: - Rules

  /// `reportingDescriptor` for one rule.
  struct RuleDescriptor {
    let id: String
    let description: String
    let help: String?
    let level: Severity
    let spec: SpecReference?

    func write(into json: inout JSONBuilder) {
      json.member("id", id)
      json.objectMember("shortDescription") { $0.member("text", description) }
      if let help { json.objectMember("help") { $0.member("text", help) } }
      json.member("helpUri", ifPresent: spec?.url)
      json.objectMember("defaultConfiguration") { $0.member("level", SARIFReporter.level(level)) }
      if let spec {
        json.objectMember("properties") { properties in
          properties.member("spec", spec.citation)
          // GitHub code scanning filters alerts by tag.
          properties.arrayMember("tags") { $0.string(spec.document) }
        }
      }
    }
  }

  /// One descriptor per rule that fired, sorted by id.
  func ruleDescriptors(_ findings: [Finding]) -> [RuleDescriptor] {
    let catalogue = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var seen: [String: [Finding]] = [:]
    for finding in findings { seen[finding.ruleID, default: []].append(finding) }
    return seen.keys.sorted().map { id in
      if let rule = catalogue[id] {
        return RuleDescriptor(
          id: id, description: rule.message, help: rule.fix, level: rule.severity, spec: rule.spec)
      }
      // Not in the catalogue: the findings are all there is. Their messages are rendered with
      // arguments, so they do not describe the rule; the id and clause do.
      let fired = seen[id]!
      let spec = fired.lazy.compactMap(\.spec).first
      return RuleDescriptor(
        id: id, description: spec.map { "\(id) (\($0.citation))" } ?? id, help: nil,
        level: fired.map(\.severity).min()!, spec: spec)
    }
  }
}
