import RenkeiModels

/// What `renkei convert --to` writes.
public enum ConversionTarget: String, Sendable, CaseIterable {
  case ngsiLD = "ngsi-ld"
  case ngsiLDConcise = "ngsi-ld-concise"
  case ngsiLDKeyValues = "ngsi-ld-keyvalues"
  case ngsiV2 = "ngsi-v2"
  case ngsiV2KeyValues = "ngsi-v2-keyvalues"
  case geojson
  case jsonLD = "json-ld"
  case csv

  /// The NGSI representation the output is in (nil for GeoJSON, JSON-LD and CSV).
  public var representation: Representation? {
    switch self {
    case .ngsiLD: return .ngsiLDNormalized
    case .ngsiLDConcise: return .ngsiLDConcise
    case .ngsiLDKeyValues: return .ngsiLDKeyValues
    case .ngsiV2: return .ngsiV2Normalized
    case .ngsiV2KeyValues: return .ngsiV2KeyValues
    case .geojson, .jsonLD, .csv: return nil
    }
  }

  public var isNGSILD: Bool { self == .ngsiLD || self == .ngsiLDConcise || self == .ngsiLDKeyValues }
  public var isNGSIv2: Bool { self == .ngsiV2 || self == .ngsiV2KeyValues }
}

/// How entities follow each other in the output.
public enum OutputLayout: String, Sendable, CaseIterable {
  /// One JSON array (GeoJSON: one FeatureCollection).
  case array
  /// JSON Lines: one entity per line.
  case lines
}
