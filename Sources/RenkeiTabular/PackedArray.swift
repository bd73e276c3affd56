/// A growable array of plain values in manually managed memory, for the tokenizer's output:
/// appending is a bounds check and a store (no uniqueness check, no copy-on-write). It has
/// reference semantics; a batch is filled by one thread and only read after it is handed on.
final class PackedArray<Element: BitwiseCopyable>: @unchecked Sendable {
  // Unchecked: one thread owns a batch while filling it, and the runtime's dynamic exclusivity
  // checks on these fields took a fifth of the tokenizer's time.
  @exclusivity(unchecked) private var storage: UnsafeMutablePointer<Element>
  @exclusivity(unchecked) private var capacity: Int
  @exclusivity(unchecked) private(set) var count = 0

  init(capacity: Int = 16) {
    self.capacity = max(16, capacity)
    storage = .allocate(capacity: self.capacity)
  }

  deinit { storage.deallocate() }

  @inline(__always)
  func append(_ element: Element) {
    if count == capacity { grow() }
    (storage + count).initialize(to: element)
    count += 1
  }

  private func grow() {
    let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    larger.moveInitialize(from: storage, count: count)
    storage.deallocate()
    storage = larger
    capacity *= 2
  }

  @inline(__always)
  subscript(index: Int) -> Element {
    get { storage[index] }
    set { storage[index] = newValue }
  }

  var last: Element? { count > 0 ? storage[count - 1] : nil }

  /// Drops the elements from `index` on.
  func removeSuffix(from index: Int) { count = min(count, max(0, index)) }

  /// An independent copy.
  func copy() -> PackedArray {
    let other = PackedArray(capacity: count)
    other.storage.update(from: storage, count: count)
    other.count = count
    return other
  }

  var elements: [Element] { Array(UnsafeBufferPointer(start: storage, count: count)) }
}
