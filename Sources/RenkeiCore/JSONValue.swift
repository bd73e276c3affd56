/// A view of one value in a `JSONDocument`. Cheap to copy; decodes scalars only when asked.
public struct JSONValue: Sendable {
  public let document: JSONDocument
  /// Tape index of the value.
  public let index: Int

  public init(document: JSONDocument, index: Int) {
    self.document = document
    self.index = index
  }

  @inlinable var entry: TapeEntry { document.tape[index] }

  public var kind: JSONKind {
    switch entry.tag {
    case .null: return .null
    case .false, .true: return .bool
    case .number: return .number
    case .string: return .string
    case .array: return .array
    case .object: return .object
    }
  }

  public var isNull: Bool { entry.tag == .null }
  public var bool: Bool? {
    switch entry.tag {
    case .true: return true
    case .false: return false
    default: return nil
    }
  }

  /// The decoded string (an unpaired surrogate escape decodes to U+FFFD).
  public var string: String? {
    guard entry.tag == .string else { return nil }
    return document.decodedString(ofEntry: index)
  }

  /// The number, with its lexeme exactly as written.
  public var number: JSONNumber? {
    let e = entry
    guard e.tag == .number else { return nil }
    return JSONNumber(lexeme: document.text(of: e))
  }

  /// Elements of an array or members of an object; 0 for scalars.
  public var count: Int { entry.isContainer ? Int(entry.count) : 0 }

  /// Tape index just past this value.
  @inlinable var end: Int { entry.isContainer ? Int(entry.extent) : index + 1 }

  /// The elements of an array (empty for anything else).
  public var elements: [JSONValue] {
    guard entry.tag == .array else { return [] }
    var out: [JSONValue] = []
    out.reserveCapacity(count)
    var i = index + 1
    let stop = end
    while i < stop {
      let child = JSONValue(document: document, index: i)
      out.append(child)
      i = child.end
    }
    return out
  }

  /// The members of an object in document order, duplicates included.
  public var members: [(key: String, value: JSONValue)] {
    guard entry.tag == .object else { return [] }
    var out: [(key: String, value: JSONValue)] = []
    out.reserveCapacity(count)
    var i = index + 1
    let stop = end
    while i < stop {
      let value = JSONValue(document: document, index: i + 1)
      out.append((document.decodedString(ofEntry: i), value))
      i = value.end
    }
    return out
  }

  /// The value of the first member named `key`.
  public subscript(key: String) -> JSONValue? {
    guard entry.tag == .object else { return nil }
    var i = index + 1
    let stop = end
    while i < stop {
      let value = JSONValue(document: document, index: i + 1)
      if document.decodedString(ofEntry: i) == key { return value }
      i = value.end
    }
    return nil
  }

  /// The array element at `position`.
  public subscript(position: Int) -> JSONValue? {
    guard entry.tag == .array, position >= 0, position < count else { return nil }
    var i = index + 1
    for _ in 0..<position { i = JSONValue(document: document, index: i).end }
    return JSONValue(document: document, index: i)
  }

  /// Line and column where the value starts.
  public var position: SourcePosition { document.position(ofEntry: index) }

  /// The RFC 6901 pointer to this value from the document root.
  public var pointer: JSONPointer { document.pointer(ofEntry: index) }

  /// A location for findings about this value.
  public func location(file: String? = nil, documentNumber: Int? = nil) -> SourceLocation {
    let p = position
    return SourceLocation(
      file: file, line: p.line, column: p.column, pointer: pointer.description,
      document: documentNumber)
  }
}

extension JSONValue: Equatable {
  /// Structural equality as the parser sees it: same kinds, same key order, same decoded
  /// strings, same number lexemes.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    let l = lhs.document
    let r = rhs.document
    var i = lhs.index
    var j = rhs.index
    let lend = lhs.end
    while i < lend {
      let a = l.tape[i]
      let b = r.tape[j]
      guard a.tag == b.tag else { return false }
      switch a.tag {
      case .array, .object:
        guard a.count == b.count else { return false }
      case .number:
        guard l.text(of: a) == r.text(of: b) else { return false }
      case .string:
        guard l.decodedString(ofEntry: i) == r.decodedString(ofEntry: j) else { return false }
      case .null, .true, .false:
        break
      }
      i += 1
      j += 1
    }
    return true
  }
}

extension JSONDocument {
  /// The raw bytes of a scalar entry as text (numbers, unescaped strings).
  func text(of entry: TapeEntry) -> String {
    let start = Int(entry.offset)
    return storage.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start..<start + Int(entry.extent)]), as: UTF8.self)
    }
  }

  /// The decoded text of the string (or key) at tape `index`.
  public func decodedString(ofEntry index: Int) -> String {
    let entry = tape[index]
    if !entry.flags.contains(.escaped) { return text(of: entry) }
    let start = Int(entry.offset)
    return storage.withUnsafeBufferPointer {
      JSONEscapes.unescape(UnsafeBufferPointer(rebasing: $0[start..<start + Int(entry.extent)]))
    }
  }

  /// The pointer to tape entry `index` (a key's pointer is that of its member).
  public func pointer(ofEntry index: Int) -> JSONPointer {
    var tokens: [String] = []
    var i = 0
    while i != index {
      let container = tape[i]
      var child = i + 1
      if container.tag == .array {
        var position = 0
        while true {
          let next = tape[child].isContainer ? Int(tape[child].extent) : child + 1
          if index < next { break }
          child = next
          position += 1
        }
        tokens.append(String(position))
        i = child
      } else {
        while true {
          let value = child + 1
          let next = tape[value].isContainer ? Int(tape[value].extent) : value + 1
          if index < next { break }
          child = next
        }
        tokens.append(decodedString(ofEntry: child))
        if index == child { break }
        i = child + 1
      }
    }
    return JSONPointer(tokens: tokens)
  }
}

extension JSONValue {
  /// Calls `body` with each member's key (as a string value) and value, in document order,
  /// without building arrays (the validator's hot path).
  @inlinable
  public func forEachMember(_ body: (_ key: JSONValue, _ value: JSONValue) throws -> Void) rethrows {
    let tape = document.tape
    guard tape[index].tag == .object else { return }
    var i = index + 1
    let stop = Int(tape[index].extent)
    while i < stop {
      try body(JSONValue(document: document, index: i), JSONValue(document: document, index: i + 1))
      let value = tape[i + 1]
      i = value.isContainer ? Int(value.extent) : i + 2
    }
  }

  /// Calls `body` with each element and its position, without building arrays.
  @inlinable
  public func forEachElement(_ body: (_ position: Int, _ element: JSONValue) throws -> Void) rethrows {
    let tape = document.tape
    guard tape[index].tag == .array else { return }
    var i = index + 1
    let stop = Int(tape[index].extent)
    var position = 0
    while i < stop {
      try body(position, JSONValue(document: document, index: i))
      i = tape[i].isContainer ? Int(tape[i].extent) : i + 1
      position += 1
    }
  }

  /// The UTF-8 bytes of a string value (decoded if it has escapes), passed to `body`.
  @inlinable
  public func withStringBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
    let entry = document.tape[index]
    guard entry.tag == .string else { return nil }
    if entry.flags.contains(.escaped) {
      var decoded = document.decodedString(ofEntry: index)
      return try decoded.withUTF8 { try body($0) }
    }
    let start = Int(entry.offset)
    return try document.storage.withUnsafeBufferPointer {
      try body(UnsafeBufferPointer(rebasing: $0[start..<start + Int(entry.extent)]))
    }
  }
}

extension JSONValue {
  /// Whether this is a string whose text is exactly `text` (compared as UTF-8 bytes, without
  /// making a Swift string: cheap enough for per-member dispatch in hot loops).
  @inlinable
  public func stringEquals(_ text: StaticString) -> Bool {
    let entry = document.tape[index]
    guard entry.tag == .string, Int(entry.extent) == text.utf8CodeUnitCount || entry.flags.contains(.escaped)
    else { return false }
    return withStringBytes { bytes in
      bytes.count == text.utf8CodeUnitCount
        && (bytes.isEmpty || memcmp(bytes.baseAddress!, text.utf8Start, bytes.count) == 0)
    } ?? false
  }

  /// The value of the first member whose name is exactly `key`, compared as UTF-8 bytes. The
  /// same member as `self[key]` for names without ";", "`" or "K", the only ASCII characters
  /// another code point is canonically equivalent to (U+037E, U+1FEF, U+212A).
  /// The keys are compared on the raw tape and bytes: making a JSONValue per key retained the
  /// document each time.
  @inlinable
  public func member(_ key: StaticString) -> JSONValue? {
    let start = index
    let found = document.tape.withUnsafeBufferPointer { tape -> Int? in
      guard tape[start].tag == .object else { return nil }
      return document.storage.withUnsafeBufferPointer { storage -> Int? in
        var i = start + 1
        let stop = Int(tape[start].extent)
        while i < stop {
          let name = tape[i]
          if name.flags.contains(.escaped) {
            // Rare: compare the decoded name.
            if JSONValue(document: document, index: i).stringEquals(key) { return i + 1 }
          } else if Int(name.extent) == key.utf8CodeUnitCount {
            let length = Int(name.extent)
            if length == 0 || memcmp(storage.baseAddress! + Int(name.offset), key.utf8Start, length) == 0 {
              return i + 1
            }
          }
          let value = tape[i + 1]
          i = value.isContainer ? Int(value.extent) : i + 2
        }
        return nil
      }
    }
    return found.map { JSONValue(document: document, index: $0) }
  }

  /// Whether this string value contains any of `bytes` (ASCII), without making a Swift string.
  @inlinable
  public func stringContainsAny(of bytes: StaticString) -> Bool {
    // A 128-bit set of the ASCII bytes, tested per byte of the text.
    var low: UInt64 = 0
    var high: UInt64 = 0
    for i in 0..<bytes.utf8CodeUnitCount {
      let b = bytes.utf8Start[i]
      if b < 64 { low |= 1 << UInt64(b) } else if b < 128 { high |= 1 << UInt64(b - 64) }
    }
    return withStringBytes { text in
      for b in text {
        let hit = b < 64 ? low & (1 << UInt64(b)) : (b < 128 ? high & (1 << UInt64(b - 64)) : 0)
        if hit != 0 { return true }
      }
      return false
    } ?? false
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
