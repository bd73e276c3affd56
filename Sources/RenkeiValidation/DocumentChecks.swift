import RenkeiCore
import RenkeiSchema

/// Checks applied to every parsed document, whatever its syntax (JSON, a JSON Lines line, a
/// YAML document): today a JSON Schema.
public struct DocumentChecks: Sendable {
  public var schema: CompiledSchema?
  /// Treat `format` as an assertion.
  public var assertFormat: Bool

  public init(schema: CompiledSchema? = nil, assertFormat: Bool = false) {
    self.schema = schema
    self.assertFormat = assertFormat
  }

  public var isEmpty: Bool { schema == nil }

  public func findings(_ root: JSONValue, file: String, documentNumber: Int? = nil) -> [Finding] {
    guard let schema else { return [] }
    // The fast check first; the full evaluation only explains documents that fail.
    if schema.isValid(root, assertFormat: assertFormat) { return [] }
    return SchemaFindings.findings(
      schema.validate(root, assertFormat: assertFormat), dialect: schema.dialect, file: file,
      documentNumber: documentNumber)
  }
}
