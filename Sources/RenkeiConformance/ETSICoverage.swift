import Foundation
import RenkeiCore

/// Which ETSI test purposes a profile mirrors, against the suite's index (TSV with `case` and
/// `area` columns; a case's id is `<prefix><area>/<first word of case>`).
public struct ETSICoverage: Sendable {
  public struct Row: Sendable, Equatable {
    public var area: String
    public var total: Int
    public var mirrored: Int
    public var missing: [String]
  }

  /// Test purpose ids in index order, unique.
  public var index: [String]
  public var areaOf: [String: String]
  public var mirrored: Set<String>
  /// Profile ids the index does not know (a typo, or a test purpose the index lacks).
  public var unknown: [String]
  public let prefix: String

  public init(indexTSV: String, prefix: String, profileIDs: [String]) throws(ProfileLoadError) {
    self.prefix = prefix
    var lines = indexTSV.split(separator: "\n", omittingEmptySubsequences: true)
    guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init),
      let caseColumn = header.firstIndex(of: "case"), let areaColumn = header.firstIndex(of: "area")
    else { throw ProfileLoadError("index", "needs a header line with `case` and `area` columns") }
    lines.removeFirst()
    var seen = Set<String>()
    var ordered: [String] = []
    var areas: [String: String] = [:]
    for line in lines {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count > max(caseColumn, areaColumn) else { continue }
      let number = fields[caseColumn].split(separator: " ").first.map(String.init) ?? ""
      let area = String(fields[areaColumn])
      let id = prefix + area + "/" + number
      if seen.insert(id).inserted {
        ordered.append(id)
        areas[id] = area
      }
    }
    index = ordered
    areaOf = areas
    let profileSet = Set(profileIDs)
    mirrored = profileSet.intersection(seen)
    unknown = profileSet.subtracting(seen).sorted()
  }

  /// One row per area at `depth` path components (areas sorted), restricted to `under` prefixes.
  public func rows(depth: Int = 3) -> [Row] {
    var groups: [String: Row] = [:]
    var order: [String] = []
    for id in index {
      let area = (areaOf[id] ?? "").split(separator: "/").prefix(depth).joined(separator: "/")
      if groups[area] == nil {
        groups[area] = Row(area: area, total: 0, mirrored: 0, missing: [])
        order.append(area)
      }
      groups[area]!.total += 1
      if mirrored.contains(id) {
        groups[area]!.mirrored += 1
      } else {
        groups[area]!.missing.append(String(id.dropFirst(prefix.count)))
      }
    }
    return order.sorted().map { groups[$0]! }
  }

  public func render(depth: Int = 3, listMissing: Bool = false) -> String {
    let rows = rows(depth: depth)
    let width = max(4, rows.map(\.area.count).max() ?? 4)
    func pad(_ text: String, _ n: Int) -> String { text + String(repeating: " ", count: max(0, n - text.count)) }
    func lpad(_ text: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - text.count)) + text }
    var out = pad("area", width) + "  mirrored  missing  total\n"
    for row in rows {
      out +=
        pad(row.area, width) + "  " + lpad(String(row.mirrored), 8) + "  " + lpad(String(row.total - row.mirrored), 7)
      out += "  " + lpad(String(row.total), 5) + "\n"
      if listMissing { for id in row.missing { out += "    missing \(id)\n" } }
    }
    let total = index.count
    out += pad("total", width) + "  " + lpad(String(mirrored.count), 8) + "  " + lpad(String(total - mirrored.count), 7)
    out += "  " + lpad(String(total), 5) + "\n"
    for id in unknown { out += "not in the index: \(id)\n" }
    return out
  }
}
