import RenkeiCore
import RenkeiModels
import RenkeiSchema

/// Checks applied to every parsed document, whatever its syntax (JSON, a JSON Lines line, a
/// YAML document): today a JSON Schema.
public struct DocumentChecks: Sendable {
  public var schema: CompiledSchema?
  /// Treat `format` as an assertion.
  public var assertFormat: Bool
  /// A data model: representation rules plus the model's schema (`--model`).
  public var model: ModelValidator?
  /// GeoJSON (RFC 7946) checks: `--geojson`, and always for `.geojson` files.
  public var geoJSON: GeoJSONValidator? = nil

  public init(schema: CompiledSchema? = nil, assertFormat: Bool = false, model: ModelValidator? = nil) {
    self.schema = schema
    self.assertFormat = assertFormat
    self.model = model
  }

  public var isEmpty: Bool { schema == nil && model == nil && geoJSON == nil }

  public func findings(_ root: JSONValue, file: String, documentNumber: Int? = nil) -> [Finding] {
    // GeoJSON is checked on top of whatever else applies.
    if let geoJSON {
      var others = self
      others.geoJSON = nil
      return geoJSON.findings(root, file: file, documentNumber: documentNumber)
        + others.findings(root, file: file, documentNumber: documentNumber)
    }
    if let model { return model.findings(root, file: file, documentNumber: documentNumber) }
    guard let schema else { return [] }
    // The fast check first; the full evaluation only explains documents that fail.
    if schema.isValid(root, assertFormat: assertFormat) { return [] }
    return SchemaFindings.findings(
      schema.validate(root, assertFormat: assertFormat), dialect: schema.dialect, file: file,
      documentNumber: documentNumber)
  }
}
