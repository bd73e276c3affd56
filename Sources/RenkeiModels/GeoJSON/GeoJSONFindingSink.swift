import RenkeiCore

/// A step in a JSON Pointer below a GeoJSON object.
enum GeoJSONPathToken: Sendable, Hashable {
  case key(String)
  case index(Int)

  var text: String {
    switch self {
    case .key(let name): return name
    case .index(let position): return String(position)
    }
  }
}

/// Collects findings while a walk runs, before their locations are resolved. Each rule keeps
/// at most `limit` findings per document and counts the rest: a file with a million bad
/// positions still yields a readable report, in time and memory linear in the input.
struct GeoJSONFindingSink {
  struct Pending {
    let rule: Rule
    let arguments: [String: String]
    /// The tape entry whose line:column the finding takes.
    let entry: Int
    /// The GeoJSON object the finding is about (an index into the walk's node table).
    let node: Int
    /// From that object down to the value.
    let path: [GeoJSONPathToken]
    /// The clause, when more precise than the rule's own.
    let clause: String?
  }

  let limit: Int
  private(set) var pending: [Pending] = []
  private var kept: [String: Int] = [:]
  /// Findings not kept, by rule, in the order the rules first overflowed.
  private(set) var dropped: [(rule: Rule, count: Int)] = []

  init(limit: Int) { self.limit = max(1, limit) }

  /// Records a finding; the arguments and path are only built when the finding is kept.
  mutating func report(
    _ rule: Rule, entry: Int, node: Int, path: @autoclosure () -> [GeoJSONPathToken] = [],
    clause: String? = nil, _ arguments: @autoclosure () -> [String: String] = [:]
  ) {
    let count = kept[rule.id, default: 0]
    guard count < limit else {
      if let slot = dropped.firstIndex(where: { $0.rule.id == rule.id }) {
        dropped[slot].count += 1
      } else {
        dropped.append((rule, 1))
      }
      return
    }
    kept[rule.id] = count + 1
    pending.append(
      Pending(rule: rule, arguments: arguments(), entry: entry, node: node, path: path(), clause: clause))
  }
}
