import RenkeiCore

/// An entity as the broker keeps it: type and attribute names expanded to IRIs, every attribute in
/// normalized form (one instance per datasetId), system attributes set.
struct StoredEntity: Sendable {
  var id: String
  /// Expanded type IRIs.
  var types: [String]
  var scope: JSONTree?
  /// Attributes in insertion order: expanded name and instances (normalized objects with core member
  /// names and expanded sub-attribute names).
  var attributes: [(name: String, instances: [JSONTree])] = []
  var createdAt: String
  var modifiedAt: String
  /// The NGSI v2 service path ("Service path"); entities created through NGSI-LD are at `/`.
  var servicePath = "/"
  /// False for an NGSI v2 entity whose id is not a URI: NGSI-LD does not show it.
  var visibleToNGSILD = true
  /// The v2 form of attributes last written through the NGSI v2 face, by expanded name (see
  /// `FaceMapping`): shown to v2 while the instance it was mapped to is unchanged.
  var v2Forms: [String: NGSIv2AttributeForm] = [:]

  func attribute(_ name: String) -> [JSONTree]? {
    attributes.first { $0.name == name }?.instances
  }

  func hasAttribute(_ name: String) -> Bool { attributes.contains { $0.name == name } }

  mutating func removeAttribute(_ name: String) {
    attributes.removeAll { $0.name == name }
  }

  /// Adds or replaces the instances of `name` that share a datasetId with the given ones.
  mutating func put(_ name: String, _ instances: [JSONTree], replaceAll: Bool = false) {
    guard let at = attributes.firstIndex(where: { $0.name == name }) else {
      attributes.append((name, instances))
      return
    }
    if replaceAll {
      attributes[at].instances = instances
      return
    }
    for instance in instances {
      let dataset = instance["datasetId"]?.string
      if let existing = attributes[at].instances.firstIndex(where: { $0["datasetId"]?.string == dataset }) {
        attributes[at].instances[existing] = instance
      } else {
        attributes[at].instances.append(instance)
      }
    }
  }

  /// The instance with `datasetId` (nil: the default instance).
  func instance(_ name: String, datasetId: String?) -> JSONTree? {
    attribute(name)?.first { $0["datasetId"]?.string == datasetId }
  }
}
