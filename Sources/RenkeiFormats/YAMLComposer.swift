import RenkeiCore

/// Turns a stream of YAML events into JSON documents: resolves scalars by the core schema,
/// expands aliases by copying tape ranges (within a budget), and reports what JSON cannot hold.
/// One composer reads one stream; it works without recursion, so input nesting cannot
/// overflow the stack.
struct YAMLComposer {
  struct Limits: Sendable {
    var maxDepth: Int
    /// Tape entries that alias expansion may add to one document.
    var maxExpansion: Int
  }

  /// What an anchor name refers to.
  private enum Anchor {
    /// A scalar, with the tape entries where it was last emitted as a member name and as a
    /// value, so that aliases copy entries instead of adding storage.
    case scalar(YAMLEvent.Scalar, keyEntry: Int?, valueEntry: Int?)
    /// A collection still being read: an alias to it would be recursive.
    case open
    case collection(start: Int, entries: Int, height: Int)
    /// Anchored inside a node that was left out (a complex key); aliases to it are left out too.
    case dropped
  }

  private struct Frame {
    enum Kind { case sequence, mapping }
    let kind: Kind
    let anchor: String?
    let start: Int
    /// Completed elements (sequence) or members (mapping).
    var count = 0
    /// The tallest child, in container levels.
    var height = 0
    var expectingKey = true
    /// The member name whose value is being read (mapping), for pointers.
    var currentKey: String?
    /// The current member's key was left out, so its value is skipped.
    var dropValue = false
    var keys: [String: SourcePosition] = [:]
  }

  /// Where the next node goes.
  private enum Slot { case root, item, key, value, droppedValue }

  let file: String?
  let limits: Limits
  private(set) var findings: [Finding] = []
  private(set) var documents: [JSONDocument] = []
  /// Set by a fatal finding: the current document is rejected and reading stops.
  private(set) var stopped = false

  private var documentNumber = 0
  private var inDocument = false
  private var builder = JSONBuilder()
  private var frames: [Frame] = []
  private var anchors: [String: Anchor] = [:]
  private var expanded = 0
  /// Open containers inside a node that is being left out, and whether it was a key.
  private var skipDepth = 0
  private var skippingKey = false

  init(file: String?, limits: Limits) {
    self.file = file
    self.limits = limits
  }

  /// The document a finding outside any node belongs to (the one being read, or the next).
  var currentDocumentNumber: Int { inDocument ? documentNumber : documentNumber + 1 }

  mutating func handle(_ event: YAMLEvent) {
    guard !stopped else { return }
    switch event {
    case .streamStart, .streamEnd:
      break
    case .documentStart:
      documentNumber += 1
      inDocument = true
      builder = JSONBuilder()
      frames = []
      anchors = [:]
      expanded = 0
      skipDepth = 0
    case .documentEnd:
      inDocument = false
      // libyaml gives every document a root node (an empty one is an empty plain scalar).
      if let document = builder.build() {
        documents.append(document)
      } else {
        var empty = JSONBuilder()
        empty.null()
        documents.append(empty.build()!)
      }
    case .scalar(let scalar):
      if skipDepth > 0 {
        noteDropped(scalar.properties.anchor)
        return
      }
      scalarNode(scalar)
    case .alias(let name, let position):
      if skipDepth > 0 { return }
      alias(name, at: position)
    case .sequenceStart(let properties):
      collectionStart(.sequence, properties)
    case .mappingStart(let properties):
      collectionStart(.mapping, properties)
    case .sequenceEnd, .mappingEnd:
      collectionEnd()
    }
  }

  /// Records a fatal problem: the document is rejected and nothing more is read.
  mutating func fail(
    _ rule: Rule, _ arguments: [String: String], at position: SourcePosition?, pointer: String? = nil
  ) {
    report(rule, arguments, at: position, pointer: pointer)
    stopped = true
  }

  // MARK: - Nodes

  private var slot: Slot {
    guard let top = frames.last else { return .root }
    switch top.kind {
    case .sequence: return .item
    case .mapping: return top.expectingKey ? .key : (top.dropValue ? .droppedValue : .value)
    }
  }

  private mutating func scalarNode(_ scalar: YAMLEvent.Scalar) {
    let properties = scalar.properties
    switch slot {
    case .key:
      checkKeyTag(properties)
      if let anchor = properties.anchor {
        anchors[anchor] = .scalar(scalar, keyEntry: builder.entryCount, valueEntry: nil)
      }
      addKey(scalar.text, at: properties.position)
    case .droppedValue:
      noteDropped(properties.anchor)
      completed(height: 0)
    case .root, .item, .value:
      let entry = builder.entryCount
      emitValue(of: scalar, at: properties.position, checkTag: true)
      if let anchor = properties.anchor { anchors[anchor] = .scalar(scalar, keyEntry: nil, valueEntry: entry) }
      completed(height: 0)
    }
  }

  private mutating func alias(_ name: String, at position: SourcePosition) {
    let target = anchors[name]
    switch slot {
    case .droppedValue:
      completed(height: 0)
    case .key:
      switch target {
      case .scalar(let scalar, let keyEntry, let valueEntry)?:
        guard spend(1, alias: name, at: position) else { return }
        let entry = builder.entryCount
        if let keyEntry {
          builder.appendCopy(ofValueAt: keyEntry)
          addKey(scalar.text, at: scalar.properties.position, emitted: true)
        } else {
          addKey(scalar.text, at: scalar.properties.position)
        }
        anchors[name] = .scalar(scalar, keyEntry: keyEntry ?? entry, valueEntry: valueEntry)
      case .collection?:
        report(YAMLRules.complexKey, ["kind": "collection"], at: position, pointer: pointer(dropKey: true))
        dropKey()
      case .open?:
        report(YAMLRules.recursiveAlias, ["alias": name], at: position, pointer: pointer(dropKey: true))
        dropKey()
      case .dropped?:
        dropKey()
      case nil:
        report(YAMLRules.unknownAlias, ["alias": name], at: position, pointer: pointer(dropKey: true))
        dropKey()
      }
    case .root, .item, .value:
      switch target {
      case .scalar(let scalar, let keyEntry, let valueEntry)?:
        guard spend(1, alias: name, at: position) else { return }
        if let valueEntry {
          builder.appendCopy(ofValueAt: valueEntry)
        } else {
          // An anchored member name used as a value: resolve it once, copy it afterwards.
          let entry = builder.entryCount
          emitValue(of: scalar, at: scalar.properties.position, checkTag: false, reportAt: position)
          anchors[name] = .scalar(scalar, keyEntry: keyEntry, valueEntry: entry)
        }
        completed(height: 0)
      case .collection(let start, let entries, let height)?:
        guard frames.count + height <= limits.maxDepth else {
          fail(YAMLRules.tooDeep, ["limit": String(limits.maxDepth)], at: position, pointer: pointer())
          return
        }
        guard spend(entries, alias: name, at: position) else { return }
        builder.appendCopy(ofValueAt: start)
        completed(height: height)
      case .open?:
        report(YAMLRules.recursiveAlias, ["alias": name], at: position, pointer: pointer())
        builder.null(at: position)
        completed(height: 0)
      case .dropped?:
        builder.null(at: position)
        completed(height: 0)
      case nil:
        report(YAMLRules.unknownAlias, ["alias": name], at: position, pointer: pointer())
        builder.null(at: position)
        completed(height: 0)
      }
    }
  }

  private mutating func collectionStart(_ kind: Frame.Kind, _ properties: YAMLEvent.Properties) {
    if skipDepth > 0 {
      noteDropped(properties.anchor)
      skipDepth += 1
      return
    }
    switch slot {
    case .key:
      report(
        YAMLRules.complexKey, ["kind": kind == .mapping ? "mapping" : "sequence"], at: properties.position,
        pointer: pointer(dropKey: true))
      noteDropped(properties.anchor)
      skipDepth = 1
      skippingKey = true
    case .droppedValue:
      noteDropped(properties.anchor)
      skipDepth = 1
      skippingKey = false
    case .root, .item, .value:
      guard frames.count < limits.maxDepth else {
        fail(YAMLRules.tooDeep, ["limit": String(limits.maxDepth)], at: properties.position, pointer: pointer())
        return
      }
      checkCollectionTag(properties, kind: kind)
      if let anchor = properties.anchor { anchors[anchor] = .open }
      frames.append(Frame(kind: kind, anchor: properties.anchor, start: builder.entryCount))
      if kind == .mapping {
        builder.beginObject(at: properties.position)
      } else {
        builder.beginArray(at: properties.position)
      }
    }
  }

  private mutating func collectionEnd() {
    if skipDepth > 0 {
      skipDepth -= 1
      if skipDepth == 0 {
        if skippingKey { dropKey() } else { completed(height: 0) }
      }
      return
    }
    guard let frame = frames.popLast() else { return }
    // Balanced by construction: every frame opened exactly one builder container.
    try? builder.end()
    let height = frame.height + 1
    if let anchor = frame.anchor, case .open? = anchors[anchor] {
      anchors[anchor] = .collection(start: frame.start, entries: builder.entryCount - frame.start, height: height)
    }
    completed(height: height)
  }

  /// A node finished in the current slot.
  private mutating func completed(height: Int) {
    let last = frames.count - 1
    guard last >= 0 else { return }
    // Mutated in place: copying a frame out and back would copy its key table.
    switch frames[last].kind {
    case .sequence:
      frames[last].count += 1
      frames[last].height = max(frames[last].height, height)
    case .mapping:
      if frames[last].expectingKey {
        frames[last].expectingKey = false
      } else {
        frames[last].expectingKey = true
        frames[last].dropValue = false
        frames[last].currentKey = nil
        frames[last].count += 1
        frames[last].height = max(frames[last].height, height)
      }
    }
  }

  /// Adds a member name (unless already `emitted` by a copy) and checks it for duplicates.
  private mutating func addKey(_ name: String, at position: SourcePosition, emitted: Bool = false) {
    if !emitted { builder.key(name, at: position) }
    frames[frames.count - 1].currentKey = name
    if let first = frames[frames.count - 1].keys[name] {
      report(
        YAMLRules.duplicateKey,
        ["key": name, "firstLine": String(first.line), "firstColumn": String(first.column)],
        at: position, pointer: pointer())
    } else {
      frames[frames.count - 1].keys[name] = position
    }
    completed(height: 0)
  }

  /// The current key was left out: skip its value as well.
  private mutating func dropKey() {
    frames[frames.count - 1].expectingKey = false
    frames[frames.count - 1].dropValue = true
  }

  private mutating func noteDropped(_ anchor: String?) {
    if let anchor { anchors[anchor] = .dropped }
  }

  /// Charges alias expansion against the document's budget; false (and a fatal finding)
  /// when it is exhausted, before anything is copied.
  private mutating func spend(_ entries: Int, alias name: String, at position: SourcePosition) -> Bool {
    guard expanded + entries <= limits.maxExpansion else {
      fail(
        YAMLRules.aliasExpansionLimit, ["alias": name, "limit": String(limits.maxExpansion)], at: position,
        pointer: pointer())
      return false
    }
    expanded += entries
    return true
  }

  // MARK: - Scalars and tags

  /// Appends the JSON value of a scalar; what JSON cannot hold becomes null with a finding.
  private mutating func emitValue(
    of scalar: YAMLEvent.Scalar, at position: SourcePosition, checkTag: Bool, reportAt: SourcePosition? = nil
  ) {
    let tag = scalar.properties.tag
    let value: YAMLCoreSchema.Value
    var tagName = tag ?? ""
    if let tag, tag != "!" {
      if let core = YAMLCoreSchema.Tag(resolved: tag) {
        value = YAMLCoreSchema.resolve(scalar.text, as: core)
        tagName = core.shorthand
      } else {
        if checkTag { report(YAMLRules.unknownTag, ["tag": tag], at: position, pointer: pointer()) }
        value = scalar.isPlain ? YAMLCoreSchema.resolvePlain(scalar.text) : .string(scalar.text)
      }
    } else {
      // No tag resolves plain scalars by the schema; the non-specific "!" means string.
      value = tag == nil && scalar.isPlain ? YAMLCoreSchema.resolvePlain(scalar.text) : .string(scalar.text)
    }
    switch value {
    case .null:
      builder.null(at: position)
    case .bool(let flag):
      builder.bool(flag, at: position)
    case .number(let lexeme):
      do { try builder.number(lexeme, at: position) } catch { builder.string(scalar.text, at: position) }
    case .string(let text):
      builder.string(text, at: position)
    case .notJSON(let reason):
      report(
        YAMLRules.nonJSONValue, ["value": YAMLComposer.excerpt(scalar.text), "reason": reason],
        at: reportAt ?? position, pointer: pointer())
      builder.null(at: position)
    case .mismatch:
      report(
        YAMLRules.tagMismatch, ["value": "\"\(YAMLComposer.excerpt(scalar.text))\"", "tag": tagName],
        at: reportAt ?? position, pointer: pointer())
      builder.null(at: position)
    }
  }

  /// Keys become member names whatever their tag; only tags without JSON meaning are noted.
  private mutating func checkKeyTag(_ properties: YAMLEvent.Properties) {
    guard let tag = properties.tag, tag != "!", YAMLCoreSchema.Tag(resolved: tag) == nil else { return }
    report(YAMLRules.unknownTag, ["tag": tag], at: properties.position, pointer: pointer(dropKey: true))
  }

  private mutating func checkCollectionTag(_ properties: YAMLEvent.Properties, kind: Frame.Kind) {
    guard let tag = properties.tag, tag != "!" else { return }
    guard let core = YAMLCoreSchema.Tag(resolved: tag) else {
      report(YAMLRules.unknownTag, ["tag": tag], at: properties.position, pointer: pointer())
      return
    }
    let expected: YAMLCoreSchema.Tag = kind == .mapping ? .map : .seq
    if core != expected {
      report(
        YAMLRules.tagMismatch, ["value": kind == .mapping ? "A mapping" : "A sequence", "tag": core.shorthand],
        at: properties.position, pointer: pointer())
    }
  }

  // MARK: - Findings

  private mutating func report(
    _ rule: Rule, _ arguments: [String: String], at position: SourcePosition?, pointer: String?
  ) {
    findings.append(
      rule.finding(
        at: SourceLocation(
          file: file, line: position?.line, column: position?.column, pointer: pointer,
          document: currentDocumentNumber),
        arguments))
  }

  /// The JSON Pointer of the node being read (`dropKey`: of the mapping whose key is read).
  private func pointer(dropKey: Bool = false) -> String {
    var tokens: [String] = []
    for (index, frame) in frames.enumerated() {
      switch frame.kind {
      case .sequence:
        tokens.append(String(frame.count))
      case .mapping:
        if dropKey && index == frames.count - 1 { break }
        if let key = frame.currentKey { tokens.append(key) }
      }
    }
    return JSONPointer(tokens: tokens).description
  }

  /// Long scalars are cut for messages.
  static func excerpt(_ text: String) -> String {
    text.count <= 40 ? text : String(text.prefix(37)) + "..."
  }
}
