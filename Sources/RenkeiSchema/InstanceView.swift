import RenkeiCore

/// The instance document as the evaluator reads it: raw pointers to its tape and bytes, valid
/// for the duration of one `CompiledSchema` call, so that walking the instance costs no
/// reference counting. Values are tape indices.
struct InstanceView {
  let tape: UnsafeBufferPointer<TapeEntry>
  let storage: UnsafeBufferPointer<UInt8>
  unowned(unsafe) let document: JSONDocument

  /// Runs `body` with a view of `document`, which stays alive meanwhile.
  static func with<R>(_ document: JSONDocument, _ body: (InstanceView) -> R) -> R {
    withExtendedLifetime(document) {
      document.tape.withUnsafeBufferPointer { tape in
        document.storage.withUnsafeBufferPointer { storage in
          body(InstanceView(tape: tape, storage: storage, document: document))
        }
      }
    }
  }

  @inline(__always) func kind(_ i: Int) -> JSONKind {
    switch tape[i].tag {
    case .null: return .null
    case .false, .true: return .bool
    case .number: return .number
    case .string: return .string
    case .array: return .array
    case .object: return .object
    }
  }

  @inline(__always) func isObject(_ i: Int) -> Bool { tape[i].tag == .object }
  @inline(__always) func isArray(_ i: Int) -> Bool { tape[i].tag == .array }
  @inline(__always) func isString(_ i: Int) -> Bool { tape[i].tag == .string }
  @inline(__always) func isNumber(_ i: Int) -> Bool { tape[i].tag == .number }

  /// Elements or members of a container.
  @inline(__always) func count(_ i: Int) -> Int { Int(tape[i].count) }

  /// Tape index just past the value at `i`.
  @inline(__always) func end(_ i: Int) -> Int {
    let entry = tape[i]
    return entry.isContainer ? Int(entry.extent) : i + 1
  }

  /// Each member's key index and value index, in document order.
  @inline(__always)
  func forEachMember(_ i: Int, _ body: (_ key: Int, _ value: Int) -> Void) {
    var k = i + 1
    let stop = Int(tape[i].extent)
    while k < stop {
      body(k, k + 1)
      k = end(k + 1)
    }
  }

  /// Each element's position and index.
  @inline(__always)
  func forEachElement(_ i: Int, _ body: (_ position: Int, _ element: Int) -> Void) {
    var k = i + 1
    let stop = Int(tape[i].extent)
    var position = 0
    while k < stop {
      body(position, k)
      k = end(k)
      position += 1
    }
  }

  /// The UTF-8 bytes of the string at `i`, decoded if it has escapes.
  @inline(__always)
  func withStringBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    let entry = tape[i]
    if entry.flags.contains(.escaped) {
      var decoded = document.decodedString(ofEntry: i)
      return decoded.withUTF8 { body($0) }
    }
    return body(UnsafeBufferPointer(rebasing: storage[Int(entry.offset)..<Int(entry.offset) + Int(entry.extent)]))
  }

  func string(_ i: Int) -> String { document.decodedString(ofEntry: i) }

  /// The number's lexeme.
  func lexeme(_ i: Int) -> String {
    let entry = tape[i]
    return String(decoding: storage[Int(entry.offset)..<Int(entry.offset) + Int(entry.extent)], as: UTF8.self)
  }

  /// Code points of the string at `i`.
  func length(_ i: Int) -> Int {
    withStringBytes(i) { bytes in
      var count = 0
      for b in bytes where b & 0xC0 != 0x80 { count += 1 }
      return count
    }
  }

  /// A safe value for reports and for comparisons with schema values.
  func value(_ i: Int) -> JSONValue { JSONValue(document: document, index: i) }
}
