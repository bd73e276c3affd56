import RenkeiCore

/// An entity written as a GeoJSON Feature (ETSI GS CIM 009 §4.5.17, the form Smart Data Models
/// ship as example-geojsonfeature.json): `id`, the entity `type` and attributes inside
/// `properties`, the location as `geometry`. Assembled back into an entity so the same rules
/// and schema apply; findings still point into the Feature.
public enum GeoJSONFeatureEntity {
  public static func isFeature(_ value: JSONValue) -> Bool {
    value.kind == .object && value["type"]?.string == "Feature" && value["properties"]?.kind == .object
  }

  public static func assemble(_ feature: JSONValue) -> MappedDocument? {
    guard isFeature(feature), let properties = feature["properties"] else { return nil }
    var builder = MappedDocumentBuilder()
    builder.beginObject(origin: feature)
    feature.forEachMember { key, value in
      guard key.string == "id" else { return }
      builder.key("id", origin: key)
      builder.copy(value)
    }
    properties.forEachMember { key, value in
      guard let name = key.string, name != "location" || feature["geometry"] == nil else { return }
      builder.key(name, origin: key)
      builder.copy(value)
    }
    feature.forEachMember { key, value in
      guard key.string == "geometry", !value.isNull else { return }
      builder.key("location", origin: key)
      builder.copy(value)
    }
    builder.end()
    return builder.build()
  }
}
