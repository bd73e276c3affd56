/// How the rows of a file end: how many rows end each way, and the first row that does.
struct TerminatorTally: Sendable {
  struct Kind: Sendable {
    var count = 0
    var firstRow = 0
    var firstLine = 0
  }

  /// Indexed by `RecordBatch.Terminator.rawValue` (LF, CRLF, CR; "none" is not counted).
  private(set) var kinds = [Kind](repeating: Kind(), count: 4)

  mutating func count(_ terminator: RecordBatch.Terminator, row: Int, line: Int) {
    guard terminator != .none else { return }
    let index = Int(terminator.rawValue)
    if kinds[index].count == 0 {
      kinds[index].firstRow = row
      kinds[index].firstLine = line
    }
    kinds[index].count += 1
  }

  /// Adds the counts of a later part of the file.
  mutating func merge(_ later: TerminatorTally) {
    for index in kinds.indices where later.kinds[index].count > 0 {
      if kinds[index].count == 0 {
        kinds[index].firstRow = later.kinds[index].firstRow
        kinds[index].firstLine = later.kinds[index].firstLine
      }
      kinds[index].count += later.kinds[index].count
    }
  }

  static func name(_ index: Int) -> String {
    switch index {
    case 1: return "LF"
    case 2: return "CRLF"
    default: return "CR"
    }
  }

  /// The terminator most rows use, and the others with their first row.
  var majority: Int? {
    let used = kinds.indices.filter { kinds[$0].count > 0 }
    return used.max { kinds[$0].count != kinds[$1].count ? kinds[$0].count < kinds[$1].count : $0 > $1 }
  }
}
