/// Memory one worker reuses for values that must be rebuilt (quoted fields with doubled quotes
/// or escapes), so they can be passed on as buffers like values read in place.
final class ScratchBuffer {
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int

  init(capacity: Int = 4096) {
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }

  /// Copies `bytes` in; the result stays valid until the next call.
  func hold(_ bytes: [UInt8]) -> UnsafeBufferPointer<UInt8> {
    if bytes.count > capacity {
      storage.deallocate()
      capacity = max(bytes.count, capacity * 2)
      storage = .allocate(capacity: capacity)
    }
    bytes.withUnsafeBufferPointer { source in
      if let base = source.baseAddress { storage.update(from: base, count: source.count) }
    }
    return UnsafeBufferPointer(start: storage, count: bytes.count)
  }
}
