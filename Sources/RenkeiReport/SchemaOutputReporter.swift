import RenkeiCore

/// JSON Schema's standard output formats (2020-12 Core §12.4: flag, basic, detailed) for the
/// documents a run validated against a schema. Each failing document gets one output unit,
/// located by file and line (JSON Lines) or document number (YAML streams); documents that
/// passed are counted, not listed, so a 1 GB file does not produce a 1 GB report.
public struct SchemaOutputReporter: Reporter {
  public enum Style: String, Sendable, CaseIterable {
    case flag, basic, detailed
  }

  public static let identifier = "json-schema-output"
  public var style: Style

  public init(style: Style) { self.style = style }

  public func render(_ report: Report) -> String {
    var json = JSONBuilder()
    json.object { json in
      json.member("outputFormat", style.rawValue)
      json.member("valid", report.passed)
      json.member("documents", report.subjects.reduce(0) { $0 + $1.itemCount })
      json.arrayMember("invalid") { json in
        for subject in report.subjects {
          for (key, units) in SchemaOutputReporter.failingDocuments(subject) {
            json.object { json in
              json.member("file", subject.path)
              json.member(key.kind, key.number)
              json.objectMember("output") { json in write(units, into: &json) }
            }
          }
        }
      }
    }
    return json.prettyText()
  }

  /// Findings that came from a schema, grouped by the document they concern, in order.
  static func failingDocuments(_ subject: Report.Subject) -> [(key: (kind: String, number: Int), units: [Finding])] {
    var order: [String] = []
    var groups: [String: (kind: String, number: Int, units: [Finding])] = [:]
    for finding in Finding.sortedForReport(subject.findings) where finding.arguments["keywordLocation"] != nil {
      let location = finding.location
      let kind = subject.format == "jsonl" ? "line" : "document"
      let number = subject.format == "jsonl" ? (location.line ?? 0) : (location.document ?? 1)
      let id = "\(kind):\(number)"
      if groups[id] == nil {
        order.append(id)
        groups[id] = (kind, number, [])
      }
      groups[id]!.units.append(finding)
    }
    return order.map { id in
      let group = groups[id]!
      return ((group.kind, group.number), group.units)
    }
  }

  private func write(_ units: [Finding], into json: inout JSONBuilder) {
    json.member("valid", false)
    switch style {
    case .flag:
      return
    case .basic:
      json.arrayMember("errors") { json in
        for unit in units { json.object { unitMembers(unit, into: &$0) } }
      }
    case .detailed:
      // Nest each unit under the nearest earlier unit whose keyword location is a prefix of its own.
      let nodes = units.sorted { ($0.arguments["keywordLocation"] ?? "") < ($1.arguments["keywordLocation"] ?? "") }
      var children: [Int: [Int]] = [:]
      var roots: [Int] = []
      for (i, unit) in nodes.enumerated() {
        let location = unit.arguments["keywordLocation"] ?? ""
        let parent = (0..<i).last { j in
          let candidate = nodes[j].arguments["keywordLocation"] ?? ""
          return location.hasPrefix(candidate + "/")
        }
        if let parent { children[parent, default: []].append(i) } else { roots.append(i) }
      }
      func emit(_ i: Int, into json: inout JSONBuilder) {
        json.object { json in
          json.member("valid", false)
          unitMembers(nodes[i], into: &json)
          if let inner = children[i] {
            json.arrayMember("errors") { json in
              for child in inner { emit(child, into: &json) }
            }
          }
        }
      }
      json.arrayMember("errors") { json in
        for root in roots { emit(root, into: &json) }
      }
    }
  }

  private func unitMembers(_ unit: Finding, into json: inout JSONBuilder) {
    json.member("keywordLocation", unit.arguments["keywordLocation"] ?? "")
    json.member("absoluteKeywordLocation", unit.arguments["absoluteKeywordLocation"] ?? "")
    json.member("instanceLocation", unit.location.pointer ?? "")
    json.member("error", unit.message)
  }
}
