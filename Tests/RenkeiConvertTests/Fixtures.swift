import Foundation
import RenkeiModels

@testable import RenkeiConvert

/// Paths into the checkout (profiles and samples are read in place, not bundled).
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
  static let profiles = root + "/profiles"
  static let samples = root + "/samples/csv"

  /// The real CSV files of samples/csv.
  static var sampleCSVs: [String] {
    ["yaizu-city", "tablelinker-lib"].flatMap { folder in
      ((try? FileManager.default.contentsOfDirectory(atPath: samples + "/" + folder)) ?? [])
        .filter { $0.hasSuffix(".csv") }.sorted().map { samples + "/" + folder + "/" + $0 }
    }
  }

  static func catalog() throws -> MappingCatalog { try MappingCatalog(directory: profiles + "/mappings") }

  static func validator(for mapping: Mapping, representation: Representation) throws -> ModelValidator {
    let catalog = ModelCatalog.standard(profiles: profiles)
    let model = try catalog.model(named: mapping.model)
    return ModelValidator(
      model: model, schema: try catalog.schema(for: model), representation: representation, assertFormat: false)
  }

  static func mapping(_ yaml: String, name: String = "test") throws -> Mapping {
    try MappingReader().read(Array(yaml.utf8), name: name)
  }

  /// Writes `text` to a temporary file named `name`.
  static func temporary(_ name: String, _ text: String) throws -> String {
    let directory = NSTemporaryDirectory() + "renkei-convert-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/" + name
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Runs a conversion and returns the summary and the output bytes (array layout).
  static func convert(
    _ source: any RecordSource, mapping: Mapping, target: ConversionTarget, validator: ModelValidator? = nil,
    layout: OutputLayout = .lines, direct: Bool = true
  ) throws -> (ConversionSummary, String) {
    var options = ConversionRunner.Options(target: target, layout: layout, validator: validator)
    options.direct = direct
    let runner = ConversionRunner(mapping: mapping, options: options)
    let framing = runner.framing(layout)
    var out = framing.opening
    var first = true
    let summary = try runner.run(source) { bytes, items in
      for item in items {
        if !first { out += framing.separator }
        first = false
        out += bytes[item.range]
      }
    }
    out += framing.closing
    return (summary, String(decoding: out, as: UTF8.self))
  }
}
