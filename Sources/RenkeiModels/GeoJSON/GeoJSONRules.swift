import RenkeiCore

/// The RFC 7946 (GeoJSON) rules renkei enforces. Each rule's English template is declared
/// beside the check that uses it: object structure in `GeoJSONWalk`, positions and rings in
/// `GeoJSONCoordinates`, bounding boxes in `GeoJSONBoundingBox`. A finding may cite a more
/// precise clause than its rule (a missing "features" member cites §3.3, a missing
/// "coordinates" member §3.1.x).
public enum GeoJSONRules {
  static func rule(
    _ id: String, _ severity: Severity, _ clause: String, _ message: String, fix: String
  ) -> Rule {
    Rule(id: id, severity: severity, spec: rfc7946(clause), message: message, fix: fix)
  }

  /// RFC 7946, clause `clause` ("3.1.6").
  public static func rfc7946(_ clause: String) -> SpecReference {
    SpecReference(
      document: "RFC 7946", clause: clause, url: "https://www.rfc-editor.org/rfc/rfc7946#section-\(clause)")
  }

  /// Not a property of the data: the report leaves out findings beyond the per-rule limit.
  public static let findingsTruncated = Rule(
    id: "geojson-findings-truncated", severity: .info, spec: nil,
    message: "{count} more {rule} findings in this document are not listed.",
    fix: "Fix the problems listed, then validate again to see the rest.")

  public static let all: [Rule] = [
    notObject, missingMember, invalidType, memberType, duplicateMember, changedSemantics, crs,
    nestedGeometryCollection, collectionSingleType,
    coordinatesShape, positionNotNumber, positionArity, positionExtended, lineStringTooShort, ringTooShort,
    ringNotClosed, rightHandRule, coordinateRange,
    bbox,
    findingsTruncated,
  ]
}
