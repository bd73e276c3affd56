/// A Table Schema foreign key: the values of `fields` in each row must appear as the values of
/// `referenceFields` in a row of the referenced table (this table when `resource` is nil).
public struct ForeignKey: Sendable, Hashable {
  public var fields: [String]
  /// The referenced data resource; nil (or "" in Table Schema v1) for a self-reference.
  public var resource: String?
  public var referenceFields: [String]

  public init(fields: [String], resource: String? = nil, referenceFields: [String]) {
    self.fields = fields
    self.resource = resource
    self.referenceFields = referenceFields
  }

  public var isSelfReference: Bool { resource == nil || resource == "" }
}
