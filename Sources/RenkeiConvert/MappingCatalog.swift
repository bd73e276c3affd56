import Foundation
import RenkeiCore

/// The built-in mappings (`profiles/mappings/*.yaml`) and the choice of one for an input: by
/// the file name (`222127_aed.csv` matches a mapping whose `files` include `*_aed.csv`), else by
/// the header (the mapping whose columns cover most of the input's labels).
public struct MappingCatalog: Sendable {
  public let mappings: [Mapping]

  public init(mappings: [Mapping]) { self.mappings = mappings }

  /// Reads every `*.yaml` in `directory` (sorted by name).
  public init(directory: String) throws {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
    mappings = try names.map { try MappingReader().read(path: directory + "/" + $0) }
  }

  public func mapping(named name: String) -> Mapping? {
    mappings.first { $0.name == name } ?? mappings.first { $0.name.lowercased() == name.lowercased() }
  }

  /// Why a mapping was chosen.
  public enum Reason: Sendable, Equatable {
    case fileName(String)
    case header(matched: Int, of: Int)

    public var description: String {
      switch self {
      case .fileName(let pattern): return "file name matches \(pattern)"
      case .header(let matched, let total): return "header has \(matched) of its \(total) columns"
      }
    }
  }

  /// The mapping for a file named `path` with header `labels` (nil when none fits: no file
  /// pattern matches and no mapping finds at least half of its columns in the header).
  public func detect(path: String, labels: [String]) -> (Mapping, Reason)? {
    let fileName = path.split(separator: "/").last.map(String.init) ?? path
    for mapping in mappings {
      if let pattern = mapping.filePatterns.first(where: { Self.glob($0, matches: fileName) }) {
        return (mapping, .fileName(pattern))
      }
    }
    let keys = Set(labels.map(MappingCompiler.key))
    guard !keys.isEmpty else { return nil }
    var best: (Mapping, Int, Double)?
    for mapping in mappings {
      let matched = mapping.columns.count { column in
        ([column.name] + column.aliases).contains { keys.contains(MappingCompiler.key($0)) }
      }
      // The share of the input's labels the mapping knows, and of the mapping's columns found.
      let score = Double(matched) / Double(max(keys.count, mapping.columns.count))
      if matched * 2 >= mapping.columns.count, score > (best?.2 ?? 0) { best = (mapping, matched, score) }
    }
    return best.map { ($0.0, .header(matched: $0.1, of: $0.0.columns.count)) }
  }

  /// `*` matches any run of characters, `?` one; case-insensitive.
  static func glob(_ pattern: String, matches name: String) -> Bool {
    let p = Array(pattern.lowercased())
    let n = Array(name.lowercased())
    var pi = 0
    var ni = 0
    var star = -1
    var mark = 0
    while ni < n.count {
      if pi < p.count && (p[pi] == "?" || p[pi] == n[ni]) {
        pi += 1
        ni += 1
      } else if pi < p.count && p[pi] == "*" {
        star = pi
        mark = ni
        pi += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        ni = mark
      } else {
        return false
      }
    }
    while pi < p.count && p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}
