import RenkeiCore
import RenkeiSchema

/// "Is this entity a valid <Model>, in the form my broker expects?": detects (or takes) the
/// representation, checks its structure rules (NGSI-LD or NGSI v2), then validates the
/// attribute values against the model's schema through the key-values projection. Every
/// finding names the model and the representation; schema findings point into the original
/// payload.
public struct ModelValidator: Sendable {
  public let model: ModelCatalog.Model
  public let schema: CompiledSchema
  /// Forced representation (`--representation`), or nil to detect per entity.
  public var representation: Representation?
  public var assertFormat: Bool

  public init(model: ModelCatalog.Model, schema: CompiledSchema, representation: Representation?, assertFormat: Bool) {
    self.model = model
    self.schema = schema
    self.representation = representation
    self.assertFormat = assertFormat
  }

  /// Findings for a document: one entity, or an array of entities.
  /// Findings for a document: an entity, an array of entities, a GeoJSON Feature or FeatureCollection.
  public func findings(_ root: JSONValue, file: String?, documentNumber: Int? = nil) -> [Finding] {
    var entities: [JSONValue] = [root]
    if root.kind == .array {
      entities = root.elements
    } else if root["type"]?.string == "FeatureCollection", let features = root["features"], features.kind == .array {
      entities = features.elements
    }
    return entities.flatMap { entityFindings($0, file: file, documentNumber: documentNumber) }
  }

  public func entityFindings(_ payload: JSONValue, file: String?, documentNumber: Int? = nil) -> [Finding] {
    guard model.isNGSIEntity else { return documentFindings(payload, file: file, documentNumber: documentNumber) }
    // A GeoJSON Feature is assembled into an entity first; findings map back into the Feature.
    let assembled = GeoJSONFeatureEntity.assemble(payload)
    let entity = assembled?.root ?? payload
    let toPayload: (JSONValue) -> JSONValue = { assembled?.original(of: $0) ?? $0 }
    let form = representation ?? Representation.detect(entity)
    var findings: [Finding]
    if form.isNGSILD {
      findings = NGSILDPayloadChecker(requireContext: file?.hasSuffix(".jsonld") ?? false)
        .findings(entity, representation: form, file: file, documentNumber: documentNumber, locate: toPayload)
    } else {
      findings = NGSIv2PayloadChecker().findings(
        entity, representation: form, file: file, documentNumber: documentNumber, locate: toPayload)
    }
    // The verdict comes from the projection sliced out of the entity's own document; the mapped
    // projection, which locates every value in the payload, is made only for findings.
    if !schema.isValid(KeyValuesProjection.slices(entity, from: form)?.root ?? entity, assertFormat: assertFormat) {
      let projection = KeyValuesProjection.project(entity, from: form)
      let subject = projection?.root ?? entity
      findings += SchemaFindings.findings(
        schema.validate(subject, assertFormat: assertFormat), dialect: schema.dialect, file: file,
        documentNumber: documentNumber, locate: { toPayload(projection?.original(of: $0) ?? $0) })
    }
    return tag(findings, representation: form.rawValue)
  }

  /// A model that is a plain JSON document: its schema and its own rules.
  private func documentFindings(_ document: JSONValue, file: String?, documentNumber: Int?) -> [Finding] {
    var findings: [Finding] = []
    if !schema.isValid(document, assertFormat: assertFormat) {
      findings = SchemaFindings.findings(
        schema.validate(document, assertFormat: assertFormat), dialect: schema.dialect, file: file,
        documentNumber: documentNumber)
    }
    if model.name == "ConsentReceipt" {
      findings += ConsentReceiptChecker.findings(document, file: file, documentNumber: documentNumber)
    }
    return tag(findings, representation: nil)
  }

  private func tag(_ findings: [Finding], representation: String?) -> [Finding] {
    findings.map { finding in
      var tagged = finding
      tagged.arguments["model"] = model.name
      if let representation { tagged.arguments["representation"] = representation }
      return tagged
    }
  }
}
