/// A set of Unicode scalar values as sorted, disjoint, non-adjacent closed ranges.
struct ScalarSet: Sendable, Hashable {
  private(set) var ranges: [ClosedRange<UInt32>]

  static let maxScalar: UInt32 = 0x10FFFF
  static let empty = ScalarSet(normalized: [])
  static let all = ScalarSet(normalized: [0...maxScalar])

  private init(normalized ranges: [ClosedRange<UInt32>]) { self.ranges = ranges }

  init(_ ranges: [ClosedRange<UInt32>]) {
    let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
    var merged: [ClosedRange<UInt32>] = []
    for range in sorted {
      if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
        merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    self.ranges = merged
  }

  init(scalar: UInt32) { ranges = [scalar...scalar] }

  var isEmpty: Bool { ranges.isEmpty }

  func contains(_ scalar: UInt32) -> Bool {
    var low = 0
    var high = ranges.count - 1
    while low <= high {
      let mid = (low + high) / 2
      if scalar < ranges[mid].lowerBound {
        high = mid - 1
      } else if scalar > ranges[mid].upperBound {
        low = mid + 1
      } else {
        return true
      }
    }
    return false
  }

  func union(_ other: ScalarSet) -> ScalarSet { ScalarSet(ranges + other.ranges) }

  var complement: ScalarSet {
    var out: [ClosedRange<UInt32>] = []
    var next: UInt32 = 0
    for range in ranges {
      if range.lowerBound > next { out.append(next...(range.lowerBound - 1)) }
      if range.upperBound >= Self.maxScalar { return ScalarSet(normalized: out) }
      next = range.upperBound + 1
    }
    out.append(next...Self.maxScalar)
    return ScalarSet(normalized: out)
  }

  func subtracting(_ other: ScalarSet) -> ScalarSet { intersection(other.complement) }

  func intersection(_ other: ScalarSet) -> ScalarSet {
    var out: [ClosedRange<UInt32>] = []
    var i = 0
    var j = 0
    while i < ranges.count && j < other.ranges.count {
      let a = ranges[i]
      let b = other.ranges[j]
      let low = max(a.lowerBound, b.lowerBound)
      let high = min(a.upperBound, b.upperBound)
      if low <= high { out.append(low...high) }
      if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
    }
    return ScalarSet(normalized: out)
  }
}
