import Synchronization

/// Output buffers handed back once their block is written, for the next blocks to write into:
/// memory already mapped, where a fresh buffer of the same size costs a page fault every 4 KiB
/// (about a twentieth of a conversion's time). Holds at most `limit` buffers.
final class BufferPool: Sendable {
  private let buffers = Mutex<[[UInt8]]>([])
  let limit: Int

  init(limit: Int) { self.limit = limit }

  /// An empty buffer with room for at least `capacity` bytes.
  func take(capacity: Int) -> [UInt8] {
    var buffer = buffers.withLock { $0.popLast() } ?? []
    buffer.removeAll(keepingCapacity: true)
    buffer.reserveCapacity(capacity)
    return buffer
  }

  func give(_ buffer: consuming [UInt8]) {
    let buffer = buffer
    buffers.withLock { buffers in
      if buffers.count < limit { buffers.append(buffer) }
    }
  }
}
