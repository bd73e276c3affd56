/// Writes a value as JSON text, deterministically. Parsed strings and numbers are copied
/// byte for byte, so `parse(write(v)) == v` exactly, escapes and all.
public struct JSONWriter: Sendable {
  public enum Style: Sendable {
    case compact
    /// Two-space indentation, one member or element per line.
    case pretty
  }

  public var style: Style

  public init(style: Style = .compact) { self.style = style }

  public func string(_ value: JSONValue) -> String {
    String(decoding: bytes(value), as: UTF8.self)
  }

  public func bytes(_ value: JSONValue) -> [UInt8] {
    var out: [UInt8] = []
    write(value, into: &out)
    return out
  }

  /// Appends `value` to `out`. Iterative over the tape: depth costs no stack.
  public func write(_ value: JSONValue, into out: inout [UInt8]) {
    let document = value.document
    let tape = document.tape
    // Open containers: where each ends, whether it is an object, and members written so far.
    var open: [(end: Int, isObject: Bool, written: Int)] = []
    var i = value.index
    let stop = value.end
    let pretty = style == .pretty
    var expectValueAfterKey = false

    func newline(_ depth: Int) {
      out.append(0x0A)
      for _ in 0..<depth { out += [0x20, 0x20] }
    }

    while i < stop || !open.isEmpty {
      // Close every container that ends here.
      if let top = open.last, i == top.end {
        open.removeLast()
        if pretty && top.written > 0 { newline(open.count) }
        out.append(top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        continue
      }
      if expectValueAfterKey {
        expectValueAfterKey = false
      } else if !open.isEmpty {
        if open[open.count - 1].written > 0 { out.append(UInt8(ascii: ",")) }
        open[open.count - 1].written += 1
        if pretty { newline(open.count) }
        if open[open.count - 1].isObject {
          writeString(i, document, into: &out)
          out.append(UInt8(ascii: ":"))
          if pretty { out.append(0x20) }
          expectValueAfterKey = true
          i += 1
          continue
        }
      }
      let entry = tape[i]
      switch entry.tag {
      case .null: out += Array("null".utf8)
      case .true: out += Array("true".utf8)
      case .false: out += Array("false".utf8)
      case .number:
        let start = Int(entry.offset)
        out.append(contentsOf: document.storage[start..<start + Int(entry.extent)])
      case .string:
        writeString(i, document, into: &out)
      case .array, .object:
        out.append(entry.tag == .object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        open.append((Int(entry.extent), entry.tag == .object, 0))
      }
      i += 1
    }
  }

  private func writeString(_ index: Int, _ document: JSONDocument, into out: inout [UInt8]) {
    let entry = document.tape[index]
    let start = Int(entry.offset)
    let content = document.storage[start..<start + Int(entry.extent)]
    out.append(UInt8(ascii: "\""))
    if document.rawStringsAreJSON {
      out.append(contentsOf: content)
    } else {
      JSONEscapes.escape(content, into: &out)
    }
    out.append(UInt8(ascii: "\""))
  }
}
