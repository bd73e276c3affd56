import RenkeiCore

/// A structured layer over `JSONBuilder` for the JSON and SARIF reporters. Each container is
/// written by a closure that the helper opens and closes, so the code reads like the shape it
/// emits and the builder can never be left unbalanced. Members appear in the order written:
/// key order in the output is part of each format's contract.
extension JSONBuilder {
  mutating func object(_ body: (inout JSONBuilder) -> Void) {
    beginObject()
    body(&self)
    close()
  }

  mutating func array(_ body: (inout JSONBuilder) -> Void) {
    beginArray()
    body(&self)
    close()
  }

  mutating func member(_ key: String, _ value: String) {
    self.key(key)
    string(value)
  }

  mutating func member(_ key: String, _ value: Int) {
    self.key(key)
    number(value)
  }

  mutating func member(_ key: String, _ value: Bool) {
    self.key(key)
    bool(value)
  }

  /// Absent values are left out rather than written as null: a reader tests for the key.
  mutating func member(_ key: String, ifPresent value: String?) {
    if let value { member(key, value) }
  }

  mutating func member(_ key: String, ifPresent value: Int?) {
    if let value { member(key, value) }
  }

  mutating func objectMember(_ key: String, _ body: (inout JSONBuilder) -> Void) {
    self.key(key)
    object(body)
  }

  mutating func arrayMember(_ key: String, _ body: (inout JSONBuilder) -> Void) {
    self.key(key)
    array(body)
  }

  /// A string-to-string map with its keys sorted, so dictionaries serialise deterministically.
  mutating func stringMapMember(_ key: String, _ map: [String: String]) {
    objectMember(key) { json in
      for name in map.keys.sorted() { json.member(name, map[name]!) }
    }
  }

  /// The finished document as pretty-printed JSON with a final newline.
  func prettyText() -> String {
    guard let document = build() else {
      preconditionFailure("a reporter built an incomplete JSON document")
    }
    return JSONWriter(style: .pretty).string(document.root) + "\n"
  }

  private mutating func close() {
    do {
      try end()
    } catch {
      preconditionFailure("unbalanced JSONBuilder: \(error)")
    }
  }
}
