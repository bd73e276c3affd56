/// NGSI v2 entities (Orion API specification): normalized (`{type, value, metadata}` with the
/// attribute types Text, Number, Boolean, StructuredValue, geo:json, Relationship) or
/// key-values.
public struct NGSIv2Serializer: EntitySerializer {
  public let keyValues: Bool

  public init(keyValues: Bool) { self.keyValues = keyValues }

  public func write(_ entity: ConvertedEntity, into out: inout [UInt8]) {
    JSONOutput.raw("{\"id\":", into: &out)
    JSONOutput.string(entity.id, into: &out)
    JSONOutput.raw(",\"type\":", into: &out)
    JSONOutput.string(entity.type, into: &out)
    for attribute in entity.attributes {
      out.append(0x2C)
      JSONOutput.key(attribute.name, into: &out)
      if keyValues {
        JSONOutput.value(attribute.value, into: &out)
        continue
      }
      JSONOutput.raw("{\"type\":", into: &out)
      JSONOutput.string(Self.typeName(attribute), into: &out)
      JSONOutput.raw(",\"value\":", into: &out)
      JSONOutput.value(attribute.value, into: &out)
      if let unit = attribute.unitCode {
        JSONOutput.raw(",\"metadata\":{\"unitCode\":{\"type\":\"Text\",\"value\":", into: &out)
        JSONOutput.string(unit, into: &out)
        JSONOutput.raw("}}", into: &out)
      }
      out.append(0x7D)
    }
    out.append(0x7D)
  }

  static func typeName(_ attribute: ConvertedEntity.Attribute) -> String {
    switch attribute.kind {
    case .relationship: return "Relationship"
    case .geoProperty: return "geo:json"
    case .property:
      switch attribute.value {
      case .text: return "Text"
      case .number: return "Number"
      case .bool: return "Boolean"
      case .point: return "geo:json"
      case .list, .object: return "StructuredValue"
      }
    }
  }
}
