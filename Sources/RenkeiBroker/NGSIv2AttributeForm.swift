import RenkeiCore

/// An attribute as the NGSI v2 face last wrote it, next to the NGSI-LD instance it was mapped to.
/// NGSI-LD has no place for a v2 attribute type such as `Number`, for metadata types or for a
/// GeoJSON Feature value, so the store keeps them here: while the instance is unchanged the v2
/// face shows this form (a lossless round trip); once NGSI-LD changes the instance, the v2 form is
/// derived from it again.
struct NGSIv2AttributeForm: Sendable, Equatable {
  var attribute: NGSIv2Entity.Attribute
  /// The instance `attribute` was mapped to.
  var instance: JSONTree
}
