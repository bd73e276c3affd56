import RenkeiCore

/// Renders a whole `Report` in one output format.
///
/// Reporters are pure functions of the report: no clock, no environment, no I/O. The same report
/// always gives the same text, so outputs can be diffed between runs, cached by CI and pinned by
/// golden-file tests. Decisions that depend on the surroundings (colour, where to write) belong
/// to the caller and arrive as initialiser parameters.
public protocol Reporter: Sendable {
  /// The `--format` value that selects this reporter; equal to a `ReportFormat` raw value.
  static var identifier: String { get }

  /// The complete output, ending with a newline.
  func render(_ report: Report) -> String
}
