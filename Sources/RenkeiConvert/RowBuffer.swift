/// Where NGSILDRowWriter writes one entity before it joins its block's bytes: a plain growable
/// buffer, so the forty-odd small writes of a row are copies into memory already there (an
/// array's append checks uniqueness and capacity, through a generic call, for each).
final class RowBuffer {
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0

  init(capacity: Int = 4096) {
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }

  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

  func removeAll() { count = 0 }

  /// Drops what was written after `mark` (a count read before).
  @inline(__always)
  func truncate(to mark: Int) { count = mark }

  @inline(__always)
  private func reserve(_ extra: Int) {
    guard count + extra > capacity else { return }
    let grown = max(capacity * 2, count + extra)
    let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
    new.update(from: storage, count: count)
    storage.deallocate()
    storage = new
    capacity = grown
  }
}

extension RowBuffer: ByteSink {
  @inline(__always)
  func appendByte(_ byte: UInt8) {
    reserve(1)
    storage[count] = byte
    count += 1
  }

  @inline(__always)
  func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress else { return }
    reserve(bytes.count)
    (storage + count).update(from: base, count: bytes.count)
    count += bytes.count
  }
}
