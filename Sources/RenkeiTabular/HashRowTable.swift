/// The first row of each value of a `unique` field, kept by the value's 64-bit hash in 256
/// open-addressing shards (12 bytes a slot, each shard grown by half when 85% full), so that a
/// million distinct IDs take about 16 MB where a dictionary of strings took 90, and growing never
/// holds more than one shard twice. Two different values share a hash with a probability of about
/// n²/2⁶⁴ (5·10⁻⁸ for a million rows).
public struct HashRowTable: Sendable {
  fileprivate struct Shard: Sendable {
    var hashes: [UInt64] = []
    var rows: [Int32] = []
    var count = 0
  }

  private var shards = [Shard](repeating: Shard(), count: 256)

  public init() {}

  /// The row stored for `hash`, or nil after storing `row` for it.
  public mutating func firstRow(for hash: Int, storing row: Int) -> Int? {
    // 0 marks an empty slot.
    let key = UInt64(bitPattern: Int64(hash)) | 1
    let shard = Int(truncatingIfNeeded: key >> 56)
    return shards[shard].firstRow(key, Int32(truncatingIfNeeded: row))
  }
}

extension HashRowTable.Shard {
  mutating func firstRow(_ key: UInt64, _ row: Int32) -> Int? {
    if (count + 1) * 100 > hashes.count * 85 { grow() }
    var index = Self.slot(key, hashes.count)
    while hashes[index] != 0 {
      if hashes[index] == key { return Int(rows[index]) }
      index = index + 1 == hashes.count ? 0 : index + 1
    }
    hashes[index] = key
    rows[index] = row
    count += 1
    return nil
  }

  /// A slot from the bits below the shard's (multiply-shift, for any capacity).
  @inline(__always)
  static func slot(_ key: UInt64, _ capacity: Int) -> Int {
    Int(truncatingIfNeeded: (((key >> 24) & 0xFFFF_FFFF) &* UInt64(capacity)) >> 32)
  }

  private mutating func grow() {
    let capacity = max(64, hashes.count + hashes.count / 2)
    var newHashes = [UInt64](repeating: 0, count: capacity)
    var newRows = [Int32](repeating: 0, count: capacity)
    for (old, key) in hashes.enumerated() where key != 0 {
      var index = Self.slot(key, capacity)
      while newHashes[index] != 0 { index = index + 1 == capacity ? 0 : index + 1 }
      newHashes[index] = key
      newRows[index] = rows[old]
    }
    hashes = newHashes
    rows = newRows
  }
}
