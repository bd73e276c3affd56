import Synchronization

/// One result slot per worker of a `concurrentPerform`, each written once.
final class ResultSlots<Value: Sendable>: Sendable {
  private let slots: Mutex<[Value?]>

  init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

  func store(_ value: Value, at index: Int) {
    slots.withLock { $0[index] = value }
  }

  /// The values in slot order (every slot must have been written).
  var values: [Value] { slots.withLock { $0.map { $0! } } }
}
