/// A set of code points kept as sorted, disjoint, non-adjacent closed ranges. Code points are
/// `UInt32` rather than `Unicode.Scalar` because patterns may name lone surrogates (`\uD800`),
/// which are valid syntax but can never occur in a Swift string.
struct ScalarRanges: Sendable, Equatable {
  static let maxCodePoint: UInt32 = 0x10FFFF

  private(set) var ranges: [ClosedRange<UInt32>]

  static let empty = ScalarRanges(normalizing: [])
  static let all = ScalarRanges(normalizing: [0...maxCodePoint])

  init(normalizing input: [ClosedRange<UInt32>]) {
    let sorted = input.sorted { $0.lowerBound < $1.lowerBound }
    var merged: [ClosedRange<UInt32>] = []
    merged.reserveCapacity(sorted.count)
    for range in sorted {
      if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
        merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    ranges = merged
  }

  var isEmpty: Bool { ranges.isEmpty }

  func contains(_ codePoint: UInt32) -> Bool {
    // Binary search for the last range starting at or before the code point.
    var low = 0
    var high = ranges.count
    while low < high {
      let middle = (low + high) / 2
      if ranges[middle].lowerBound <= codePoint { low = middle + 1 } else { high = middle }
    }
    return low > 0 && codePoint <= ranges[low - 1].upperBound
  }

  /// Every code point up to U+10FFFF that is not in the set.
  func inverted() -> ScalarRanges {
    var result: [ClosedRange<UInt32>] = []
    var next: UInt32 = 0
    for range in ranges {
      if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
      next = range.upperBound &+ 1
    }
    if !ranges.isEmpty && ranges[ranges.count - 1].upperBound == Self.maxCodePoint {
      return ScalarRanges(normalizing: result)
    }
    result.append(next...Self.maxCodePoint)
    return ScalarRanges(normalizing: result)
  }

  /// The members above U+007F (ASCII membership is answered by a bitmap instead).
  func removingASCII() -> ScalarRanges {
    ScalarRanges(
      normalizing: ranges.compactMap { $0.upperBound < 0x80 ? nil : max($0.lowerBound, 0x80)...$0.upperBound })
  }
}
