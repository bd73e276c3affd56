/// Plain JSON-LD 1.1 nodes with the model's @context: `@id` and `@type` as keywords, the
/// attributes as in key-values, so any JSON-LD processor (not only an NGSI-LD broker) expands
/// them to the model's IRIs.
public struct JSONLDSerializer: EntitySerializer {
  let context: [UInt8]

  public init(context: [String]) {
    var out: [UInt8] = []
    if context.count == 1 {
      JSONOutput.string(context[0], into: &out)
    } else {
      JSONOutput.value(.list(context.map { .text($0) }), into: &out)
    }
    self.context = out
  }

  public func write(_ entity: ConvertedEntity, into out: inout [UInt8]) {
    JSONOutput.raw("{\"@context\":", into: &out)
    out.append(contentsOf: context)
    JSONOutput.raw(",\"@id\":", into: &out)
    JSONOutput.string(entity.id, into: &out)
    JSONOutput.raw(",\"@type\":", into: &out)
    JSONOutput.string(entity.type, into: &out)
    for attribute in entity.attributes {
      out.append(0x2C)
      JSONOutput.key(attribute.name, into: &out)
      JSONOutput.value(attribute.value, into: &out)
    }
    out.append(0x7D)
  }
}
