import RenkeiCore

/// Member names of a schema (`properties`, `required` ...) looked up by the UTF-8 bytes of
/// instance keys: no Swift strings, no SipHash, no reference counting on the hot path. Names
/// are compared byte for byte, so code point exact (Swift's String equality would equate
/// canonically equivalent names).
final class KeyTable<Value>: @unchecked Sendable {
  /// All names back to back; name i is bytes[starts[i] ..< starts[i + 1]].
  private let bytes: UnsafeMutableBufferPointer<UInt8>
  private let starts: UnsafeMutableBufferPointer<Int>
  /// Open addressing over FNV-1a hashes (-1 = empty); unused for small tables.
  private let slots: UnsafeMutableBufferPointer<Int>
  private let mask: Int
  /// Read without retaining the array (and a node) for every member looked up.
  private let values: UnsafeMutableBufferPointer<Value>
  let count: Int

  init(_ entries: [(String, Value)]) {
    var unique: [(bytes: [UInt8], value: Value)] = []
    for (name, value) in entries where !unique.contains(where: { $0.bytes == Array(name.utf8) }) {
      unique.append((Array(name.utf8), value))
    }
    count = unique.count
    values = .allocate(capacity: max(1, unique.count))
    _ = values.initialize(from: unique.map(\.value))
    bytes = .allocate(capacity: max(1, unique.reduce(0) { $0 + $1.bytes.count }))
    starts = .allocate(capacity: unique.count + 1)
    var offset = 0
    for (i, entry) in unique.enumerated() {
      starts[i] = offset
      for b in entry.bytes {
        bytes[offset] = b
        offset += 1
      }
    }
    starts[unique.count] = offset
    var size = 0
    if unique.count > 8 {
      size = 16
      while size < unique.count * 2 { size *= 2 }
    }
    mask = size - 1
    slots = .allocate(capacity: max(size, 1))
    slots.initialize(repeating: -1)
    if size > 0 {
      for i in 0..<unique.count {
        var slot = KeyTable.hash(UnsafeBufferPointer(rebasing: bytes[starts[i]..<starts[i + 1]])) & mask
        while slots[slot] != -1 { slot = (slot + 1) & mask }
        slots[slot] = i
      }
    }
  }

  deinit {
    values.baseAddress!.deinitialize(count: count)
    values.deallocate()
    bytes.deallocate()
    starts.deallocate()
    slots.deallocate()
  }

  var isEmpty: Bool { count == 0 }

  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h ^= UInt64(b)
      h &*= 0x100_0000_01b3
    }
    return Int(truncatingIfNeeded: h ^ (h >> 29))
  }

  @inline(__always)
  private func equals(_ i: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[i]
    let length = starts[i + 1] - start
    guard length == key.count else { return false }
    if length == 0 { return true }
    return memcmp(bytes.baseAddress! + start, key.baseAddress!, length) == 0
  }

  /// The position of the name equal to `key`.
  @inline(__always)
  func position(of key: UnsafeBufferPointer<UInt8>) -> Int? {
    if mask < 0 {
      for i in 0..<count where equals(i, key) { return i }
      return nil
    }
    var slot = KeyTable.hash(key) & mask
    while true {
      let i = slots[slot]
      if i == -1 { return nil }
      if equals(i, key) { return i }
      slot = (slot + 1) & mask
    }
  }

  /// The position of the instance string at tape index `key`.
  @inline(__always)
  func position(ofKey key: Int, _ view: InstanceView) -> Int? {
    view.withStringBytes(key) { position(of: $0) }
  }

  func name(at position: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[starts[position]..<starts[position + 1]]), as: UTF8.self)
  }

  func value(at position: Int) -> Value { values[position] }

  /// Whether every name is a member of the object at `object` (no allocation up to 64 names).
  func allPresent(in object: Int, _ view: InstanceView) -> Bool {
    if count == 0 { return true }
    guard count <= 64 else { return missing(from: object, view).isEmpty }
    var seenBits: UInt64 = 0
    view.forEachMember(object) { key, _ in
      if let position = position(ofKey: key, view) { seenBits |= 1 << UInt64(position) }
    }
    return seenBits == (count == 64 ? ~0 : (1 << UInt64(count)) - 1)
  }

  /// The names not present among the members of the object at `object`, in table order.
  func missing(from object: Int, _ view: InstanceView) -> [String] {
    if count == 0 { return [] }
    if count <= 64 {
      // The common case without allocation: a bit per name.
      var seenBits: UInt64 = 0
      view.forEachMember(object) { key, _ in
        if let position = position(ofKey: key, view) { seenBits |= 1 << UInt64(position) }
      }
      let all: UInt64 = count == 64 ? ~0 : (1 << UInt64(count)) - 1
      if seenBits == all { return [] }
      return (0..<count).filter { seenBits & (1 << UInt64($0)) == 0 }.map { name(at: $0) }
    }
    var found = 0
    var seen = [Bool](repeating: false, count: count)
    view.forEachMember(object) { key, _ in
      if let position = position(ofKey: key, view), !seen[position] {
        seen[position] = true
        found += 1
      }
    }
    if found == count { return [] }
    return (0..<count).filter { !seen[$0] }.map { name(at: $0) }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
