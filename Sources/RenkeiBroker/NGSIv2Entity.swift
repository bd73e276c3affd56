import RenkeiCore

/// An NGSI v2 entity as stored ("JSON Entity Representation"): id, type, the service path it
/// belongs to, attributes in creation order and the builtin timestamps.
struct NGSIv2Entity: Sendable, Equatable {
  struct Metadata: Sendable, Equatable {
    var name: String
    var type: String
    var value: JSONTree
  }

  struct Attribute: Sendable, Equatable {
    var name: String
    var type: String
    var value: JSONTree
    var metadata: [Metadata] = []
    var dateCreated: String
    var dateModified: String

    func metadata(_ name: String) -> Metadata? { metadata.first { $0.name == name } }

    /// Whether this attribute is the entity's location ("Geospatial properties of entities"):
    /// geo:json, not null, not marked ignoreType.
    var isLocation: Bool {
      type == "geo:json" && value != .null && metadata("ignoreType")?.value != .bool(true)
    }

    /// Same value, type and metadata (what a change is, for notifications).
    func sameContent(as other: Attribute) -> Bool {
      type == other.type && value == other.value && metadata == other.metadata
    }
  }

  var id: String
  var type: String
  var servicePath: String
  var attributes: [Attribute] = []
  var dateCreated: String
  var dateModified: String

  func attribute(_ name: String) -> Attribute? { attributes.first { $0.name == name } }

  func index(of name: String) -> Int? { attributes.firstIndex { $0.name == name } }

  /// The location attribute, if any.
  var location: Attribute? { attributes.first { $0.isLocation } }

  /// Sets (replacing or appending) an attribute. Without `overrideMetadata` the metadata of an
  /// existing attribute are merged ("Metadata update semantics").
  mutating func set(_ attribute: Attribute, now: String, overrideMetadata: Bool = false) {
    var attribute = attribute
    if let at = index(of: attribute.name) {
      let old = attributes[at]
      attribute.dateCreated = old.dateCreated
      if !overrideMetadata {
        var merged = old.metadata
        for item in attribute.metadata {
          if let existing = merged.firstIndex(where: { $0.name == item.name }) {
            merged[existing] = item
          } else {
            merged.append(item)
          }
        }
        attribute.metadata = merged
      }
      attribute.dateModified = now
      attributes[at] = attribute
    } else {
      attribute.dateCreated = now
      attribute.dateModified = now
      attributes.append(attribute)
    }
    dateModified = now
  }

  /// The number of location attributes (at most one is allowed).
  var locationCount: Int { attributes.filter(\.isLocation).count }
}
