/// Turns a tokenized field's raw bytes into its value: plain fields are used in place, quoted
/// ones without escapes lose their quotes, and only fields with doubled quotes, escape characters
/// or irregular quoting are rebuilt into a scratch buffer.
struct FieldDecoder: Sendable {
  let quote: UInt8?
  let escape: UInt8?
  let doubleQuote: Bool

  init(dialect: CSVDialect) {
    quote = dialect.quoteChar
    escape = dialect.escapeChar
    doubleQuote = dialect.doubleQuote
  }

  /// The value of field `field` of `batch`: in place when it needs no rebuilding, else in
  /// `scratch` (valid until the scratch buffer is used again).
  @inline(__always)
  func value(
    _ buffer: UnsafeBufferPointer<UInt8>, batch: RecordBatch, field: Int, scratch: ScratchBuffer
  ) -> UnsafeBufferPointer<UInt8> {
    let start = Int(batch.fieldStarts[field])
    let end = Int(batch.fieldEnds[field])
    let flags = batch.fieldFlags[field]
    if flags == 0 { return UnsafeBufferPointer(rebasing: buffer[start..<end]) }
    if flags == RecordBatch.FieldFlag.quoted { return UnsafeBufferPointer(rebasing: buffer[(start + 1)..<(end - 1)]) }
    var bytes: [UInt8] = []
    decode(buffer, start, end, quoted: flags & RecordBatch.FieldFlag.quoted != 0, into: &bytes)
    return scratch.hold(bytes)
  }

  /// The value of a field as a string (for messages and keys).
  func string(_ buffer: UnsafeBufferPointer<UInt8>, batch: RecordBatch, field: Int) -> String {
    let scratch = ScratchBuffer(capacity: 64)
    return withExtendedLifetime(scratch) {
      String(decoding: value(buffer, batch: batch, field: field, scratch: scratch), as: UTF8.self)
    }
  }

  /// Rebuilds a value the way Python's csv module reads it: inside quotes, a doubled quote is one
  /// quote; after the closing quote, text (quotes included) is taken as it is; an escape character
  /// makes the next character literal.
  private func decode(
    _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, quoted: Bool, into out: inout [UInt8]
  ) {
    var i = start
    var inQuotes = false
    if quoted {
      inQuotes = true
      i += 1
    }
    while i < end {
      let byte = buffer[i]
      if let escape, byte == escape, i + 1 < end {
        out.append(buffer[i + 1])
        i += 2
        continue
      }
      if inQuotes, let quote, byte == quote {
        if doubleQuote && i + 1 < end && buffer[i + 1] == quote {
          out.append(quote)
          i += 2
          continue
        }
        inQuotes = false
        i += 1
        continue
      }
      out.append(byte)
      i += 1
    }
  }
}
