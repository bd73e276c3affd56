import RenkeiCore
import RenkeiModels

/// A cheaper route to ModelValidator's verdict for NGSI-LD normalized entities the converter
/// wrote itself: the structure checks run on the entity as parsed, and the schema on its
/// key-values projection picked out of the parsed document (`KeyValuesProjection.slices`, what
/// the full validator projects, without recording every value's line and column). It only
/// answers "no errors"; anything else goes to the full validator, whose findings are then
/// reported, so the findings are the same.
/// A class: the converter consults it for every row, and copying a struct that holds the model
/// validator retained all of the validator's members each time.
final class NGSILDFastValidation: Sendable {
  let validator: ModelValidator

  /// nil when the shortcut cannot be shown equivalent for this mapping and model.
  init?(validator: ModelValidator, mapping: Mapping) {
    guard validator.model.isNGSIEntity,
      validator.representation == nil || validator.representation == .ngsiLDNormalized,
      // The projection copies core members as they stand instead of taking their value.
      !mapping.attributes.contains(where: { Self.isCoreMember($0.name) })
    else { return nil }
    self.validator = validator
  }

  /// True when the full validator would report no error for `root`, a parsed normalized entity;
  /// false means "ask the full validator".
  func isValid(_ root: JSONValue, file: String?) -> Bool {
    guard !GeoJSONFeatureEntity.isFeature(root),
      (validator.representation ?? Representation.detect(root)) == .ngsiLDNormalized
    else { return false }
    let structure = NGSILDPayloadChecker(requireContext: file?.hasSuffix(".jsonld") ?? false)
      .findings(root, representation: .ngsiLDNormalized, file: file)
    guard !structure.contains(where: { $0.severity == .error }),
      let projected = KeyValuesProjection.slices(root, from: .ngsiLDNormalized)
    else { return false }
    return validator.schema.isValid(projected.root, assertFormat: validator.assertFormat)
  }

  /// Representation.isCoreMember, which is not public.
  static func isCoreMember(_ name: String) -> Bool {
    ["id", "type", "@context", "scope", "createdAt", "modifiedAt", "deletedAt"].contains(name)
  }
}
