import RenkeiCore

/// Everything a reporter needs about one run. Reporters are pure functions of this value, so the
/// same run always renders to the same bytes (golden-file tests rely on it).
public struct ConformanceReport: Sendable {
  public var profile: String
  public var title: String
  public var spec: String
  public var specVersion: String
  /// Already masked.
  public var target: String
  public var features: [String]
  /// ISO 8601 time the run started.
  public var generatedAt: String
  public var milliseconds: Int
  public var jobs: Int
  public var results: [CaseResult]

  public init(
    profile: String, title: String, spec: String, specVersion: String, target: String, features: [String],
    generatedAt: String, milliseconds: Int, jobs: Int, results: [CaseResult]
  ) {
    self.profile = profile
    self.title = title
    self.spec = spec
    self.specVersion = specVersion
    self.target = target
    self.features = features
    self.generatedAt = generatedAt
    self.milliseconds = milliseconds
    self.jobs = jobs
    self.results = results
  }

  public static let verdictOrder = ["passed", "failed", "error", "skipped", "notApplicable", "notRun"]

  /// Number of cases per verdict name.
  public func counts(_ results: [CaseResult]? = nil) -> [String: Int] {
    var out: [String: Int] = [:]
    for name in Self.verdictOrder { out[name] = 0 }
    for result in results ?? self.results { out[result.verdict.name, default: 0] += 1 }
    return out
  }

  /// Failed, error and not-run results first (in case order), then the rest.
  public var problemsFirst: [CaseResult] {
    results.filter { $0.verdict.isProblem } + results.filter { !$0.verdict.isProblem }
  }

  /// Results grouped by report area, areas sorted.
  public var byArea: [(area: String, results: [CaseResult])] {
    var groups: [String: [CaseResult]] = [:]
    for result in results { groups[result.testCase.reportArea, default: []].append(result) }
    return groups.keys.sorted().map { ($0, groups[$0]!) }
  }

  /// Results grouped by clause (a case with two clauses counts under both), clauses in numeric order.
  public var byClause: [(clause: String, results: [CaseResult])] {
    var groups: [String: [CaseResult]] = [:]
    for result in results {
      for clause in result.testCase.clauses.isEmpty ? ["(none)"] : result.testCase.clauses {
        groups[clause, default: []].append(result)
      }
    }
    return groups.keys.sorted(by: Self.clauseOrder).map { ($0, groups[$0]!) }
  }

  static func clauseOrder(_ a: String, _ b: String) -> Bool {
    let x = a.split(separator: ".").map { Int($0) ?? Int.max }
    let y = b.split(separator: ".").map { Int($0) ?? Int.max }
    return x.lexicographicallyPrecedes(y)
  }

  /// Masks every exchange (headers, URLs, bodies) with `masker`.
  public func masked(by masker: CredentialMasker) -> ConformanceReport {
    var copy = self
    copy.target = masker.url(target)
    copy.results = results.map { result in
      var out = result
      out.exchanges = result.exchanges.map { exchange in
        var masked = exchange
        masked.request = masker.request(exchange.request)
        masked.response = exchange.response.map(masker.response)
        masked.error = exchange.error.map(masker.text)
        return masked
      }
      if case .failed(let failures) = result.verdict {
        out.verdict = .failed(
          failures.map {
            CheckFailure(check: $0.check, expected: masker.text($0.expected), actual: masker.text($0.actual))
          })
      } else if case .error(let text) = result.verdict {
        out.verdict = .error(masker.text(text))
      }
      return out
    }
    return copy
  }
}
