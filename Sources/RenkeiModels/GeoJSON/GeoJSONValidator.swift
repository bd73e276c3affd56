import RenkeiCore

/// Validates GeoJSON (RFC 7946) held in a parsed JSON value: structure of every GeoJSON object,
/// positions, lines, linear rings and their winding, bounding boxes, WGS 84 coordinate ranges,
/// and the members RFC 7946 removed or forbids. Findings carry line:column, a JSON Pointer from
/// the document root and the RFC clause. Time and memory are linear in the input; nothing
/// recurses over the input, so hostile nesting cannot crash it.
public struct GeoJSONValidator: Sendable {
  /// Findings kept per rule and document; the rest are counted in one
  /// `geojson-findings-truncated` finding.
  public var maxFindingsPerRule: Int

  public init(maxFindingsPerRule: Int = 100) {
    self.maxFindingsPerRule = maxFindingsPerRule
  }

  /// Findings for a GeoJSON text: any GeoJSON object (FeatureCollection, Feature or geometry).
  public func findings(_ value: JSONValue, file: String? = nil, documentNumber: Int? = nil) -> [Finding] {
    run(value, role: .any, file: file, documentNumber: documentNumber)
  }

  /// Findings for a value that must be a GeoJSON geometry (e.g. an NGSI-LD GeoProperty's value
  /// or an NGSI v2 geo:json attribute); a Feature there is an error.
  public func geometryFindings(_ value: JSONValue, file: String? = nil, documentNumber: Int? = nil) -> [Finding] {
    run(value, role: .geometry, file: file, documentNumber: documentNumber)
  }

  private func run(_ value: JSONValue, role: GeoJSONWalk.Role, file: String?, documentNumber: Int?) -> [Finding] {
    var walk = GeoJSONWalk(document: value.document, limit: maxFindingsPerRule)
    walk.run(value, role: role)
    // Nothing to report (the usual case): no pointer to the value is made.
    guard walk.hasFindings else { return [] }
    // Pointers are absolute, so a geometry inside a larger document is located in it.
    let base = value.index == 0 ? [] : value.pointer.tokens
    return walk.findings(start: value, base: base, file: file, documentNumber: documentNumber)
  }
}
