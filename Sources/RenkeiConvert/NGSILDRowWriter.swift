/// Writes a row's entity in NGSI-LD normalized or key-values form straight from its normalized
/// cells: the bytes NGSILDSerializer writes for the ConvertedEntity that ConversionPlan.convert
/// would build, without building it (making and freeing the entity's values, arrays and strings
/// was most of a conversion's time). Sources with no direct route (lookups, splits, opening
/// hours) are evaluated as ConversionPlan does and written with JSONOutput.
struct NGSILDRowWriter: Sendable {
  let form: NGSILDSerializer.Form
  // The program is flat arrays of plain values (no strings or nested arrays), so walking it for
  // each row retains and releases nothing.
  /// Every fixed piece of output in one buffer: names, openings, closings, template literals.
  private let fixed: [UInt8]
  /// `,"type":"…"`
  private let type: Range<Int>
  /// `,"@context":…}` or `}`
  private let ending: Range<Int>
  private let attributes: [Attribute]
  private let operations: [Operation]
  private let parts: [Part]
  private let members: [Member]
  /// The values a `when` compares with (nil: the condition is that the column has a value).
  private let conditions: [[String]?]
  /// Sources ConversionPlan evaluates (lookups, splits, opening hours).
  private let evaluated: [CompiledSource]

  private struct Attribute {
    /// `,"name":` and, in normalized form, `{"type":"Property","value":`
    var opening: Range<Int>
    /// In normalized form `,"unitCode":"…"}`; empty in key-values form.
    var closing: Range<Int>
    /// The value written when the source has none (nil: the attribute is left out).
    var empty: Range<Int>?
    var operation: Int
  }

  /// One node of a source.
  private struct Operation {
    enum Kind { case column, constant, template, point, object, when, evaluated }
    var kind: Kind
    /// column: the column; constant: where its JSON starts in `fixed`; template: the first part; point: the latitude column; object: the
    /// first member; when: the condition's column; evaluated: the index in `evaluated`.
    var first: Int
    /// constant: where its JSON ends; template, object: the end of the parts or members; point: the longitude column; when:
    /// the operation if the condition holds; evaluated: the attribute (named in findings).
    var second: Int
    /// when: the operation otherwise (-1: none).
    var otherwise = -1
    /// when: the index in `conditions`.
    var condition = -1
    var negated = false
  }

  /// A template's literal (escaped JSON string content in `fixed`) or column.
  private struct Part {
    var literal: Range<Int>
    var column: Int
    var encoded: Bool
  }

  /// An object member: its `"name":` in `fixed` and its value's operation.
  private struct Member {
    var key: Range<Int>
    var operation: Int
  }

  /// nil for the concise form, whose wrapping depends on the value.
  init?(mapping: Mapping, form: NGSILDSerializer.Form) {
    guard form != .concise else { return nil }
    self.form = form
    var fixed: [UInt8] = []
    var operations: [Operation] = []
    var parts: [Part] = []
    var members: [Member] = []
    var conditions: [[String]?] = []
    var evaluated: [CompiledSource] = []
    func piece(_ write: (inout [UInt8]) -> Void) -> Range<Int> {
      let start = fixed.count
      write(&fixed)
      return start..<fixed.count
    }
    func compile(_ source: CompiledSource, _ attribute: Int) -> Int {
      var operation: Operation
      switch source {
      case .column(let column): operation = Operation(kind: .column, first: column, second: 0)
      case .constant(let value):
        let json = piece { JSONOutput.value(value, into: &$0) }
        operation = Operation(kind: .constant, first: json.lowerBound, second: json.upperBound)
      case .template(let templateParts):
        let first = parts.count
        for part in templateParts {
          switch part {
          case .literal(let text):
            parts.append(Part(literal: piece { JSONOutput.stringContent(text, into: &$0) }, column: -1, encoded: false))
          case .column(let column, let encoded): parts.append(Part(literal: 0..<0, column: column, encoded: encoded))
          }
        }
        operation = Operation(kind: .template, first: first, second: parts.count)
      case .point(let latitude, let longitude): operation = Operation(kind: .point, first: latitude, second: longitude)
      case .object(let sourceMembers):
        let compiled = sourceMembers.map { name, member in
          Member(key: piece { JSONOutput.key(name, into: &$0) }, operation: compile(member, attribute))
        }
        operation = Operation(kind: .object, first: members.count, second: members.count + compiled.count)
        members += compiled
      case .when(let column, let equals, let negated, let then, let otherwise):
        operation = Operation(kind: .when, first: column, second: compile(then, attribute))
        operation.otherwise = otherwise.map { compile($0, attribute) } ?? -1
        operation.condition = conditions.count
        operation.negated = negated
        conditions.append(equals)
      case .lookup, .split, .openingHours:
        operation = Operation(kind: .evaluated, first: evaluated.count, second: attribute)
        evaluated.append(source)
      }
      operations.append(operation)
      return operations.count - 1
    }
    type = piece { out in
      JSONOutput.raw(",\"type\":", into: &out)
      JSONOutput.string(mapping.entityType, into: &out)
    }
    let context = NGSILDSerializer(form: form, context: mapping.context).context
    ending = piece { out in
      JSONOutput.raw(",\"@context\":", into: &out)
      out.append(contentsOf: context)
      out.append(0x7D)
    }
    let positions = CompiledSource.positions(mapping)
    attributes = mapping.attributes.enumerated().map { index, attribute in
      let opening = piece { out in
        out.append(0x2C)
        JSONOutput.key(attribute.name, into: &out)
        guard form == .normalized else { return }
        switch attribute.kind {
        case .relationship: JSONOutput.raw("{\"type\":\"Relationship\",\"object\":", into: &out)
        case .geoProperty: JSONOutput.raw("{\"type\":\"GeoProperty\",\"value\":", into: &out)
        case .property: JSONOutput.raw("{\"type\":\"Property\",\"value\":", into: &out)
        }
      }
      let closing = piece { out in
        guard form == .normalized else { return }
        if let unit = attribute.unitCode {
          JSONOutput.raw(",\"unitCode\":", into: &out)
          JSONOutput.string(unit, into: &out)
        }
        out.append(0x7D)
      }
      let empty = attribute.empty.map { value in piece { JSONOutput.value(value, into: &$0) } }
      let operation = compile(CompiledSource(attribute.source, positions), index)
      return Attribute(opening: opening, closing: closing, empty: empty, operation: operation)
    }
    self.fixed = fixed
    self.operations = operations
    self.parts = parts
    self.members = members
    self.conditions = conditions
    self.evaluated = evaluated
  }

  /// The program's arrays, borrowed for one row.
  private struct Program {
    let fixed: UnsafeBufferPointer<UInt8>
    let operations: UnsafeBufferPointer<Operation>
    let parts: UnsafeBufferPointer<Part>
    let members: UnsafeBufferPointer<Member>
    /// The row's cell values.
    let arena: UnsafeBufferPointer<UInt8>

    @inline(__always) func append(_ range: Range<Int>, to out: RowBuffer) {
      out.appendBytes(UnsafeBufferPointer(rebasing: fixed[range]))
    }
  }

  /// Writes the entity of a prepared (not rejected) row; findings about its values go to its
  /// context.
  func write(_ row: inout ConversionPlan.PreparedRow, plan: ConversionPlan, into out: RowBuffer) {
    var out = out
    fixed.withUnsafeBufferPointer { fixed in
      operations.withUnsafeBufferPointer { operations in
        parts.withUnsafeBufferPointer { parts in
          members.withUnsafeBufferPointer { members in
            attributes.withUnsafeBufferPointer { attributes in
              row.values.arena.withUnsafeBufferPointer { arena in
                let program = Program(
                  fixed: fixed, operations: operations, parts: parts, members: members, arena: arena)
                JSONOutput.raw("{\"id\":", into: &out)
                JSONOutput.string(row.id, into: &out)
                program.append(type, to: out)
                for attribute in attributes {
                  let mark = out.count
                  program.append(attribute.opening, to: out)
                  if !value(attribute.operation, program, plan, &row.values, &row.context, into: &out) {
                    guard let empty = attribute.empty else {
                      out.truncate(to: mark)
                      continue
                    }
                    program.append(empty, to: out)
                  }
                  program.append(attribute.closing, to: out)
                }
                program.append(ending, to: out)
              }
            }
          }
        }
      }
    }
  }

  /// Writes the JSON value of an operation, or nothing and false when it has none (as
  /// ConversionPlan.evaluate answers nil).
  private func value(
    _ index: Int, _ program: Program, _ plan: ConversionPlan, _ values: inout ConversionPlan.Values,
    _ context: inout ConversionPlan.RowContext, into out: inout RowBuffer
  ) -> Bool {
    let operation = program.operations[index]
    switch operation.kind {
    case .column:
      let column = operation.first
      guard column >= 0, let range = values.cells[column] else { return false }
      let bytes = UnsafeBufferPointer(rebasing: program.arena[range])
      switch values.types[column] {
      // Already JSON lexemes (ConversionPlan.prepare).
      case .number, .integer, .boolean: out.appendBytes(bytes)
      case .text, .date, .time:
        out.appendByte(0x22)
        JSONOutput.stringContent(bytes, into: &out)
        out.appendByte(0x22)
      }
      return true
    case .constant:
      program.append(operation.first..<operation.second, to: out)
      return true
    case .template:
      let mark = out.count
      out.appendByte(0x22)
      for part in program.parts[operation.first..<operation.second] {
        guard part.column >= 0 else {
          program.append(part.literal, to: out)
          continue
        }
        guard let range = values.cells[part.column], !range.isEmpty else {
          out.truncate(to: mark)
          return false
        }
        let bytes = UnsafeBufferPointer(rebasing: program.arena[range])
        if part.encoded {
          // Nothing to escape in %XX text.
          Template.percentEncode(bytes, into: &out)
        } else {
          JSONOutput.stringContent(bytes, into: &out)
        }
      }
      out.appendByte(0x22)
      return true
    case .point:
      guard let point = plan.coordinates(operation.first, operation.second, values, &context) else { return false }
      JSONOutput.point(longitude: point.longitude, latitude: point.latitude, into: &out)
      return true
    case .object:
      let mark = out.count
      out.appendByte(0x7B)
      var written = false
      for member in program.members[operation.first..<operation.second] {
        let memberMark = out.count
        if written { out.appendByte(0x2C) }
        program.append(member.key, to: out)
        if value(member.operation, program, plan, &values, &context, into: &out) {
          written = true
        } else {
          out.truncate(to: memberMark)
        }
      }
      guard written else {
        out.truncate(to: mark)
        return false
      }
      out.appendByte(0x7D)
      return true
    case .when:
      if plan.holds(operation.first, conditions[operation.condition], operation.negated, values) {
        return value(operation.second, program, plan, &values, &context, into: &out)
      }
      guard operation.otherwise >= 0 else { return false }
      return value(operation.otherwise, program, plan, &values, &context, into: &out)
    case .evaluated:
      let name = plan.mapping.attributes[operation.second].name
      guard let evaluated = plan.evaluate(evaluated[operation.first], name, &values, &context) else { return false }
      var json: [UInt8] = []
      JSONOutput.value(evaluated, into: &json)
      json.withUnsafeBufferPointer { out.appendBytes($0) }
      return true
    }
  }
}
