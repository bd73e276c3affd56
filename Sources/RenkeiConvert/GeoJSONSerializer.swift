/// GeoJSON (RFC 7946): each entity a Feature whose geometry is its first geometry attribute and
/// whose properties are the other attributes in key-values form with the entity `type`
/// (the Smart Data Models GeoJSON representation); the array layout is a FeatureCollection.
public struct GeoJSONSerializer: EntitySerializer {
  public init() {}

  public var arrayOpening: [UInt8] { Array("{\"type\":\"FeatureCollection\",\"features\":[\n".utf8) }
  public var arrayClosing: [UInt8] { Array("\n]}\n".utf8) }

  public func write(_ entity: ConvertedEntity, into out: inout [UInt8]) {
    let geometry = entity.attributes.firstIndex { $0.kind == .geoProperty }
    JSONOutput.raw("{\"type\":\"Feature\",\"id\":", into: &out)
    JSONOutput.string(entity.id, into: &out)
    JSONOutput.raw(",\"geometry\":", into: &out)
    if let geometry {
      JSONOutput.value(entity.attributes[geometry].value, into: &out)
    } else {
      JSONOutput.raw("null", into: &out)
    }
    JSONOutput.raw(",\"properties\":{\"type\":", into: &out)
    JSONOutput.string(entity.type, into: &out)
    for (index, attribute) in entity.attributes.enumerated() where index != geometry {
      out.append(0x2C)
      JSONOutput.key(attribute.name, into: &out)
      JSONOutput.value(attribute.value, into: &out)
    }
    JSONOutput.raw("}}", into: &out)
  }
}
