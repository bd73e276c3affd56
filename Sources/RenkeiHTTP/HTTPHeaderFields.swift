/// Header fields in the order they were sent or received, with case-insensitive lookup.
/// Order and spelling are kept: conformance checks and reproducing curl commands need both.
public struct HTTPHeaderFields: Sendable, Equatable, Sequence {
  public private(set) var fields: [(name: String, value: String)]

  public init(_ fields: [(name: String, value: String)] = []) {
    self.fields = fields
  }

  public static func == (lhs: HTTPHeaderFields, rhs: HTTPHeaderFields) -> Bool {
    lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
  }

  public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
    fields.makeIterator()
  }

  public var isEmpty: Bool { fields.isEmpty }

  /// The first value of `name`, compared case-insensitively.
  public subscript(name: String) -> String? {
    fields.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// Every value of `name`, in order.
  public func values(_ name: String) -> [String] {
    let key = name.lowercased()
    return fields.filter { $0.name.lowercased() == key }.map(\.value)
  }

  public func contains(_ name: String) -> Bool { self[name] != nil }

  public mutating func add(_ name: String, _ value: String) {
    fields.append((name, value))
  }

  /// Replaces every value of `name` with one value.
  public mutating func set(_ name: String, _ value: String) {
    remove(name)
    fields.append((name, value))
  }

  public mutating func remove(_ name: String) {
    let key = name.lowercased()
    fields.removeAll { $0.name.lowercased() == key }
  }
}
