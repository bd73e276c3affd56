import Synchronization

/// A value shared between concurrent requests, changed only under its lock.
final class LockedValue<Value: Sendable>: Sendable {
  private let mutex: Mutex<Value>

  init(_ value: Value) { mutex = Mutex(value) }

  func update<Result: Sendable, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure)
    -> Result
  {
    try mutex.withLock { (value: inout Value) throws(Failure) -> Result in try body(&value) }
  }

  var value: Value { mutex.withLock { $0 } }
}
