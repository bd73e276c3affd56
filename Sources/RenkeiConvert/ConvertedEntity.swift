/// One entity made from one input row, independent of the representation it is written in.
public struct ConvertedEntity: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case property
    /// A link to another entity: the value is its id (NGSI-LD Relationship).
    case relationship
    /// A geometry (NGSI-LD GeoProperty, NGSI v2 geo:json).
    case geoProperty
  }

  public struct Attribute: Sendable, Equatable {
    public var name: String
    public var value: AttributeValue
    public var kind: Kind
    /// UN/CEFACT common code of the value's unit (NGSI-LD `unitCode`).
    public var unitCode: String?
    /// The attribute's position among the mapping's attributes (-1: not from a mapping), so
    /// serializers can write its name from bytes prepared once.
    public var slot: Int

    public init(name: String, value: AttributeValue, kind: Kind = .property, unitCode: String? = nil, slot: Int = -1) {
      self.name = name
      self.value = value
      self.kind = kind
      self.unitCode = unitCode
      self.slot = slot
    }
  }

  public var id: String
  public var type: String
  public var attributes: [Attribute]

  public init(id: String, type: String, attributes: [Attribute]) {
    self.id = id
    self.type = type
    self.attributes = attributes
  }

  public subscript(name: String) -> Attribute? { attributes.first { $0.name == name } }
}
