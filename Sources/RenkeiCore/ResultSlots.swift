import Synchronization

/// One result slot per worker of a `concurrentPerform`, each written once: results come back in
/// worker order whatever the scheduling, so parallel checks report deterministically.
public final class ResultSlots<Value: Sendable>: Sendable {
  private let slots: Mutex<[Value?]>

  public init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

  public func store(_ value: Value, at index: Int) {
    slots.withLock { $0[index] = value }
  }

  /// The values in slot order (every slot must have been written).
  public var values: [Value] { slots.withLock { $0.map { $0! } } }
}
