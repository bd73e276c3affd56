/// NGSI-LD entities (ETSI GS CIM 009 §4.5): normalized (every attribute `{type, value}`),
/// concise (§4.5.7: values bare where that is unambiguous) or key-values (§4.5.4), with the
/// `@context` in the body.
public struct NGSILDSerializer: EntitySerializer {
  public enum Form: Sendable { case normalized, concise, keyValues }

  public let form: Form
  /// Written as `"@context"`: the model's contexts, then the core context.
  let context: [UInt8]

  public static let coreContext = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"

  /// Per mapping attribute: `,"name":` and, in normalized form, the attribute's opening up to its
  /// value (`,"name":{"type":"Property","value":`), written once instead of for every entity.
  private let keys: [[UInt8]]
  private let openings: [[UInt8]]
  private let openingKinds: [ConvertedEntity.Kind]

  public init(form: Form, context: [String], attributes: [Mapping.Attribute] = []) {
    self.form = form
    let keys = attributes.map { attribute in
      var out: [UInt8] = [0x2C]
      JSONOutput.key(attribute.name, into: &out)
      return out
    }
    self.keys = keys
    openingKinds = attributes.map(\.kind)
    openings = attributes.enumerated().map { index, attribute in
      var out = keys[index]
      switch attribute.kind {
      case .relationship: JSONOutput.raw("{\"type\":\"Relationship\",\"object\":", into: &out)
      case .geoProperty: JSONOutput.raw("{\"type\":\"GeoProperty\",\"value\":", into: &out)
      case .property: JSONOutput.raw("{\"type\":\"Property\",\"value\":", into: &out)
      }
      return out
    }
    var out: [UInt8] = []
    let all = context.contains(Self.coreContext) ? context : context + [Self.coreContext]
    if all.count == 1 {
      JSONOutput.string(all[0], into: &out)
    } else {
      JSONOutput.value(.list(all.map { .text($0) }), into: &out)
    }
    self.context = out
  }

  public func write(_ entity: ConvertedEntity, into out: inout [UInt8]) {
    JSONOutput.raw("{\"id\":", into: &out)
    JSONOutput.string(entity.id, into: &out)
    JSONOutput.raw(",\"type\":", into: &out)
    JSONOutput.string(entity.type, into: &out)
    entity.attributes.withUnsafeBufferPointer { attributes in
      for attribute in attributes {
        let slot = attribute.slot
        if form == .normalized && slot >= 0 && slot < openings.count && attribute.kind == openingKinds[slot] {
          out.append(contentsOf: openings[slot])
          JSONOutput.value(attribute.value, into: &out)
          unit(attribute, into: &out)
          out.append(0x7D)
          continue
        }
        if slot >= 0 && slot < keys.count {
          out.append(contentsOf: keys[slot])
        } else {
          out.append(0x2C)
          JSONOutput.key(attribute.name, into: &out)
        }
        switch form {
        case .normalized: normalized(attribute, into: &out)
        case .concise: concise(attribute, into: &out)
        case .keyValues: JSONOutput.value(attribute.value, into: &out)
        }
      }
    }
    JSONOutput.raw(",\"@context\":", into: &out)
    out.append(contentsOf: context)
    out.append(0x7D)
  }

  private func normalized(_ attribute: ConvertedEntity.Attribute, into out: inout [UInt8]) {
    switch attribute.kind {
    case .relationship:
      JSONOutput.raw("{\"type\":\"Relationship\",\"object\":", into: &out)
    case .geoProperty:
      JSONOutput.raw("{\"type\":\"GeoProperty\",\"value\":", into: &out)
    case .property:
      JSONOutput.raw("{\"type\":\"Property\",\"value\":", into: &out)
    }
    JSONOutput.value(attribute.value, into: &out)
    unit(attribute, into: &out)
    out.append(0x7D)
  }

  /// Concise: a bare value unless it is an object (which would read as an attribute), a list of
  /// objects, or carries a unit; relationships as `{"object": id}`; geometries bare (a GeoJSON
  /// geometry is recognised as a GeoProperty).
  private func concise(_ attribute: ConvertedEntity.Attribute, into out: inout [UInt8]) {
    switch attribute.kind {
    case .relationship:
      JSONOutput.raw("{\"object\":", into: &out)
      JSONOutput.value(attribute.value, into: &out)
      out.append(0x7D)
      return
    case .geoProperty:
      JSONOutput.value(attribute.value, into: &out)
      return
    case .property:
      break
    }
    var wrap = attribute.unitCode != nil
    switch attribute.value {
    case .object, .point: wrap = true
    case .list(let elements): wrap = elements.contains { if case .object = $0 { return true } else { return false } }
    default: break
    }
    guard wrap else { return JSONOutput.value(attribute.value, into: &out) }
    JSONOutput.raw("{\"value\":", into: &out)
    JSONOutput.value(attribute.value, into: &out)
    unit(attribute, into: &out)
    out.append(0x7D)
  }

  private func unit(_ attribute: ConvertedEntity.Attribute, into out: inout [UInt8]) {
    guard let unit = attribute.unitCode else { return }
    JSONOutput.raw(",\"unitCode\":", into: &out)
    JSONOutput.string(unit, into: &out)
  }
}
