/// Bytes shared read-only with worker threads for the duration of a `concurrentPerform`.
struct SharedBytes: @unchecked Sendable {
  let buffer: UnsafeBufferPointer<UInt8>
}
