/// Where JSON text is written: an array of bytes, or a RowBuffer.
protocol ByteSink {
  mutating func appendByte(_ byte: UInt8)
  mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {
  @inline(__always)
  mutating func appendByte(_ byte: UInt8) { append(byte) }

  @inline(__always)
  mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}
