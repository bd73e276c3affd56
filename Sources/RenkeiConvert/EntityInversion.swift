/// The mapping read backwards: for each column, where its value sits in an entity the mapping
/// made (an attribute, a member of an object attribute, or a coordinate of a point). Columns
/// that only feed templates, lookups or opening hours have no place and are not recovered.
public struct EntityInversion: Sendable {
  /// Per mapping column, the path of member names (array indexes as digits) into the entity.
  public let paths: [[String]?]

  public init(mapping: Mapping) {
    var found: [String: [String]] = [:]
    var points: [String: [String]] = [:]
    func walk(_ source: Mapping.ValueSource, _ path: [String]) {
      switch source {
      case .column(let column):
        if found[column] == nil { found[column] = path }
      case .object(let members):
        for (name, member) in members { walk(member, path + [name]) }
      case .point(let latitude, let longitude):
        if points[latitude] == nil { points[latitude] = path + ["coordinates", "1"] }
        if points[longitude] == nil { points[longitude] = path + ["coordinates", "0"] }
      default:
        break
      }
    }
    for attribute in mapping.attributes { walk(attribute.source, [attribute.name]) }
    paths = mapping.columns.map { found[$0.name] ?? points[$0.name] }
  }
}
