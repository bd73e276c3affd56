import RenkeiCore

/// Output formats of `renkei test`.
public enum ConformanceFormat: String, Sendable, CaseIterable {
  case text, json, junit, markdown, html

  public func render(_ report: ConformanceReport) -> String {
    switch self {
    case .text: return ConformanceTextReporter().render(report)
    case .json: return ConformanceJSONReporter().render(report)
    case .junit: return ConformanceJUnitReporter().render(report)
    case .markdown: return ConformanceMarkdownReporter().render(report)
    case .html: return ConformanceHTMLReporter().render(report)
    }
  }
}
