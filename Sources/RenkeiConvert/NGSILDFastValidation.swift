import RenkeiCore
import RenkeiModels

/// A cheaper route to ModelValidator's verdict for NGSI-LD normalized entities the converter
/// wrote itself: the structure checks run on the entity as written, and the schema runs on
/// key-values bytes written straight from the ConvertedEntity instead of on
/// KeyValuesProjection's copy (which records every value's line and column, most of the
/// validation time). It only answers "no errors"; anything else goes to the full validator,
/// whose findings are then reported, so the findings are the same.
/// A class: the converter consults it for every row, and copying a struct that holds the model
/// validator retained all of the validator's members each time.
final class NGSILDFastValidation: Sendable {
  let validator: ModelValidator
  /// The key-values form without `@context`, which the projection drops.
  let keyValues: NGSILDSerializer

  /// nil when the shortcut cannot be shown equivalent for this mapping and model.
  init?(validator: ModelValidator, mapping: Mapping) {
    guard validator.model.isNGSIEntity,
      validator.representation == nil || validator.representation == .ngsiLDNormalized,
      // The projection copies core members as they stand instead of taking their value.
      !mapping.attributes.contains(where: { Self.isCoreMember($0.name) })
    else { return nil }
    self.validator = validator
    keyValues = NGSILDSerializer(
      form: .keyValues, context: mapping.context, attributes: mapping.attributes, writesContext: false)
  }

  /// True when the full validator would report no error for `root`, the parse of `entity`
  /// written in normalized form; false means "ask the full validator".
  func isValid(_ root: JSONValue, _ entity: ConvertedEntity, file: String?, scratch: inout [UInt8]) -> Bool {
    guard !Self.hasTypedLiteral(entity) else { return false }
    return isValid(root, file: file, scratch: &scratch) { out in
      keyValues.write(entity, into: &out)
      return true
    }
  }

  /// The same verdict for an entity with no typed literal, whose key-values form (without
  /// `@context`) `writeKeyValues` writes (false: it cannot, ask the full validator).
  func isValid(
    _ root: JSONValue, file: String?, scratch: inout [UInt8], writeKeyValues: (inout [UInt8]) -> Bool
  ) -> Bool {
    guard structureIsValid(root, file: file) else { return false }
    scratch.removeAll(keepingCapacity: true)
    guard writeKeyValues(&scratch) else { return false }
    return keyValuesAreValid(scratch)
  }

  /// The first half of `isValid`: a normalized entity without structure errors.
  func structureIsValid(_ root: JSONValue, file: String?) -> Bool {
    guard !GeoJSONFeatureEntity.isFeature(root),
      (validator.representation ?? Representation.detect(root)) == .ngsiLDNormalized
    else { return false }
    let structure = NGSILDPayloadChecker(requireContext: file?.hasSuffix(".jsonld") ?? false)
      .findings(root, representation: .ngsiLDNormalized, file: file)
    return !structure.contains(where: { $0.severity == .error })
  }

  /// The second half on the parsed entity itself: its key-values projection, picked out of its
  /// own document as the full validator picks it (`KeyValuesProjection`), satisfies the schema.
  func projectionIsValid(_ root: JSONValue) -> Bool {
    guard let projected = KeyValuesProjection.slices(root, from: .ngsiLDNormalized) else { return false }
    return validator.schema.isValid(projected.root, assertFormat: validator.assertFormat)
  }

  /// The second half: the entity's key-values form (without `@context`) satisfies the schema.
  func keyValuesAreValid(_ keyValues: [UInt8]) -> Bool {
    guard let projected = try? ConversionRunner.parser.parse(keyValues) else { return false }
    return validator.schema.isValid(projected.document.root, assertFormat: validator.assertFormat)
  }

  /// Representation.isCoreMember, which is not public.
  static func isCoreMember(_ name: String) -> Bool {
    ["id", "type", "@context", "scope", "createdAt", "modifiedAt", "deletedAt"].contains(name)
  }

  /// The projection unwraps `{"@value": ...}` typed literals; the key-values form would not.
  static func hasTypedLiteral(_ entity: ConvertedEntity) -> Bool {
    entity.attributes.contains { attribute in
      guard case .object(let members) = attribute.value else { return false }
      return members.contains { $0.name == "@value" }
    }
  }
}
