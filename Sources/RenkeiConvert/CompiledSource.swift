/// A mapping's value source with its columns resolved to their positions in the row (-1 for a
/// column the mapping does not declare, which the reader rejects, so it never happens).
enum CompiledSource: Sendable {
  enum Part: Sendable {
    case literal(String)
    case column(Int, encoded: Bool)
  }

  case column(Int)
  case constant(AttributeValue)
  case template([Part])
  case lookup(Int, [String: AttributeValue], AttributeValue?)
  case split(Int, [Character])
  case point(latitude: Int, longitude: Int)
  case openingHours(days: Int, opens: Int, closes: Int)
  case object([(String, CompiledSource)])
  indirect case when(Int, equals: [String]?, negated: Bool, then: CompiledSource, otherwise: CompiledSource?)

  init(_ source: Mapping.ValueSource, _ positions: [String: Int]) {
    func at(_ column: String) -> Int { positions[column] ?? -1 }
    switch source {
    case .column(let column): self = .column(at(column))
    case .constant(let value): self = .constant(value)
    case .template(let template): self = .template(Self.parts(template, positions))
    case .lookup(let column, let table, let fallback): self = .lookup(at(column), table, fallback)
    case .split(let column, let separators): self = .split(at(column), separators)
    case .point(let latitude, let longitude): self = .point(latitude: at(latitude), longitude: at(longitude))
    case .openingHours(let days, let opens, let closes):
      self = .openingHours(days: at(days), opens: at(opens), closes: at(closes))
    case .object(let members): self = .object(members.map { ($0.0, CompiledSource($0.1, positions)) })
    case .when(let condition, let then, let otherwise):
      self = .when(
        at(condition.column), equals: condition.equals, negated: condition.negated,
        then: CompiledSource(then, positions), otherwise: otherwise.map { CompiledSource($0, positions) })
    }
  }

  /// Each mapping column's position by name (the first column of a name wins).
  static func positions(_ mapping: Mapping) -> [String: Int] {
    var positions: [String: Int] = [:]
    for (index, column) in mapping.columns.enumerated() where positions[column.name] == nil {
      positions[column.name] = index
    }
    return positions
  }

  static func parts(_ template: Template, _ positions: [String: Int]) -> [Part] {
    template.parts.map { part in
      switch part {
      case .literal(let text): return .literal(text)
      case .column(let name): return .column(positions[name] ?? -1, encoded: false)
      case .encodedColumn(let name): return .column(positions[name] ?? -1, encoded: true)
      }
    }
  }
}
