import Dispatch
import RenkeiCore
import RenkeiModels
import RenkeiTabular

/// Converts every record of a source with a mapping: binds the mapping to the source's labels,
/// converts blocks of rows on all cores (normalize, map, serialize, validate against the model),
/// then hands the accepted items to the sink in input order. Every record ends as an item or as
/// an error finding naming its row; the summary counts both.
/// Unchecked: the blocks are converted on several threads, which read only its immutable
/// members (`progress` is called on the caller's thread only).
public final class ConversionRunner: @unchecked Sendable {
  public struct Options: Sendable {
    public var target: ConversionTarget
    /// JSON Lines items end with a line feed (CSV rows always end with CRLF).
    public var layout: OutputLayout
    /// Validates every entity against this model validator (nil: `--no-validate`).
    public var validator: ModelValidator?
    /// Findings listed per rule; the rest are counted.
    public var maxFindingsPerRule: Int
    public var workers: Int
    /// Whether NGSI-LD normalized and key-values output is written straight from the cells
    /// (false: through ConvertedEntity, as every other target; the tests compare the two).
    var direct = true

    public init(
      target: ConversionTarget, layout: OutputLayout = .lines, validator: ModelValidator? = nil,
      maxFindingsPerRule: Int = 1000, workers: Int = 2
    ) {
      self.target = target
      self.layout = layout
      self.validator = validator
      self.maxFindingsPerRule = max(1, maxFindingsPerRule)
      self.workers = max(1, workers)
    }
  }

  /// One accepted row: its item (entity or CSV row, with its line end in the lines layout) is
  /// `bytes[range]` of the batch it came in.
  public struct Item: Sendable {
    public var row: Int
    public var id: String
    public var range: Range<Int>
  }

  public let mapping: Mapping
  public let options: Options
  /// Called after each block with the rows read so far.
  public var progress: ((Int) -> Void)?
  private let serializer: (any EntitySerializer)?
  private let csv: StandardCSVWriter?
  /// For validating targets that are not an NGSI representation: NGSI-LD key-values.
  private let validationSerializer: (any EntitySerializer)?
  /// The cheap route to a valid verdict for NGSI-LD normalized output (nil: always the full one).
  private let fastValidation: NGSILDFastValidation?
  /// The direct route from a row's cells to the bytes of NGSI-LD normalized and key-values
  /// output (nil: through ConvertedEntity and the serializer).
  private let rowWriter: NGSILDRowWriter?
  private let buffers: BufferPool
  /// Whether entities are validated (`options.validator` is set).
  private let validates: Bool

  /// NGSI v2 allows only plain ASCII in entity types and attribute names (Orion API
  /// specification, "Field syntax restrictions").
  public struct TargetUnsupported: Error, Sendable, CustomStringConvertible {
    public let description: String
  }

  /// Throws when the mapping cannot be written in the target at all (not a row's fault).
  public static func check(_ mapping: Mapping, for target: ConversionTarget) throws(TargetUnsupported) {
    guard target.isNGSIv2 else { return }
    let names = [mapping.entityType] + mapping.attributes.map(\.name)
    let offending = names.filter { name in name.unicodeScalars.contains { !$0.isASCII } }
    guard offending.isEmpty else {
      throw TargetUnsupported(
        description:
          "mapping \(mapping.name) writes non-ASCII names (\(offending.prefix(3).joined(separator: ", "))\(offending.count > 3 ? ", ..." : "")), "
          + "which NGSI v2 does not allow (Orion API specification, field syntax restrictions: plain ASCII only); "
          + "convert to ngsi-ld, geojson or json-ld, or use a mapping with ASCII attribute names")
    }
  }

  public init(mapping: Mapping, options: Options) {
    self.mapping = mapping
    self.options = options
    validates = options.validator != nil
    serializer = Self.serializer(for: options.target, mapping: mapping)
    csv = options.target == .csv ? StandardCSVWriter(columns: mapping.columns.map(\.name)) : nil
    switch options.target {
    // GeoJSON too: a Feature would be read as NGSI v2, whose ASCII-only names would reject
    // models with Japanese attribute names that GeoJSON itself allows.
    case .csv, .jsonLD, .geojson: validationSerializer = NGSILDSerializer(form: .keyValues, context: mapping.context)
    default: validationSerializer = nil
    }
    fastValidation =
      options.target == .ngsiLD
      ? options.validator.flatMap { NGSILDFastValidation(validator: $0, mapping: mapping) } : nil
    // A block is converted in workers × 4 parts: enough buffers for the next block's parts.
    buffers = BufferPool(limit: options.workers * 4 + 2)
    switch options.target {
    case .ngsiLD where options.direct: rowWriter = NGSILDRowWriter(mapping: mapping, form: .normalized)
    case .ngsiLDKeyValues where options.direct: rowWriter = NGSILDRowWriter(mapping: mapping, form: .keyValues)
    default: rowWriter = nil
    }
  }

  public static func serializer(for target: ConversionTarget, mapping: Mapping) -> (any EntitySerializer)? {
    switch target {
    case .ngsiLD: return NGSILDSerializer(form: .normalized, context: mapping.context, attributes: mapping.attributes)
    case .ngsiLDConcise:
      return NGSILDSerializer(form: .concise, context: mapping.context, attributes: mapping.attributes)
    case .ngsiLDKeyValues:
      return NGSILDSerializer(form: .keyValues, context: mapping.context, attributes: mapping.attributes)
    case .ngsiV2: return NGSIv2Serializer(keyValues: false)
    case .ngsiV2KeyValues: return NGSIv2Serializer(keyValues: true)
    case .geojson: return GeoJSONSerializer()
    case .jsonLD: return JSONLDSerializer(context: mapping.context)
    case .csv: return nil
    }
  }

  /// Bytes before the first item and after the last, for `layout`.
  public func framing(_ layout: OutputLayout) -> (opening: [UInt8], separator: [UInt8], closing: [UInt8]) {
    if let csv { return (csv.header, [], []) }
    guard let serializer else { return ([], [], []) }
    switch layout {
    case .array: return (serializer.arrayOpening, Array(",\n".utf8), serializer.arrayClosing)
    case .lines: return ([], [], [])
    }
  }

  /// Runs the conversion; `emit` receives each batch of accepted items in order (the batch's
  /// bytes hold nothing else, so a batch without gaps is written as it is).
  public func run(
    _ source: any RecordSource, emit: (_ bytes: [UInt8], _ items: [Item]) throws -> Void
  ) throws -> ConversionSummary {
    var summary = ConversionSummary(
      file: source.file, mapping: mapping.name, model: mapping.model, target: options.target.rawValue)
    var limiter = Limiter(limit: options.maxFindingsPerRule)
    var plan: ConversionPlan?
    /// The row each entity id was first made from, by the id's 64-bit hash.
    var seen = HashRowTable()
    var inflight: Pending?
    /// Counts and hands over the converted rows of one block, in order.
    func finish(_ chunks: [Chunk]) throws {
      var chunks = chunks
      for index in chunks.indices {
        let chunk = chunks[index]
        defer {
          chunks[index].bytes = []
          buffers.give(chunk.bytes)
        }
        var items: [Item] = []
        items.reserveCapacity(chunk.rows.count)
        for row in chunk.rows {
          if row.blank {
            summary.blankRows += 1
          } else {
            summary.rowsIn += 1
          }
          for finding in row.findings { limiter.add(finding, to: &summary) }
          guard let range = row.range else {
            if !row.blank { summary.rejected += 1 }
            continue
          }
          if !row.id.isEmpty, let first = seen.firstRow(for: row.id.hashValue, storing: row.location.row ?? 0) {
            summary.rejected += 1
            limiter.add(
              ConvertRules.duplicateID.finding(
                at: row.location,
                [
                  "row": row.location.row.map(String.init) ?? "?", "id": row.id, "first": String(first),
                  "template": mapping.id.source,
                ]),
              to: &summary)
            continue
          }
          items.append(Item(row: row.location.row ?? 0, id: row.id, range: range))
          summary.entitiesOut += 1
        }
        try emit(chunk.bytes, items)
      }
      progress?(summary.rowsIn + summary.blankRows)
    }
    try source.read(
      start: { labels, findings in
        let (compiled, headerFindings) = MappingCompiler(mapping: mapping).compile(labels: labels, file: source.file)
        plan = compiled
        for finding in findings + headerFindings { limiter.add(finding, to: &summary) }
      },
      { block in
        guard let plan else { return }
        // Block N is converted on the workers while this thread hands over block N-1 and the
        // source reads block N+1.
        let next = self.start(block, plan: plan)
        if let previous = inflight { try finish(previous.wait()) }
        inflight = next
      })
    if let previous = inflight { try finish(previous.wait()) }
    return summary
  }

  // MARK: - Blocks

  struct ConvertedRow: Sendable {
    var location: SourceLocation
    var id: String
    var range: Range<Int>?
    var findings: [Finding]
    var blank = false
  }

  struct Chunk: Sendable {
    var bytes: [UInt8] = []
    var rows: [ConvertedRow] = []
  }

  /// A block being converted in the background.
  final class Pending: @unchecked Sendable {
    fileprivate var chunks: [Chunk] = []
    fileprivate let done = DispatchSemaphore(value: 0)

    func wait() -> [Chunk] {
      done.wait()
      return chunks
    }
  }

  private func start(_ block: any RecordBlock, plan: ConversionPlan) -> Pending {
    let pending = Pending()
    DispatchQueue.global().async {
      pending.chunks = self.convert(block, plan: plan, file: nil)
      pending.done.signal()
    }
    return pending
  }

  /// Converts the block in parts on all cores; the parts come back in order.
  private func convert(_ block: any RecordBlock, plan: ConversionPlan, file: String?) -> [Chunk] {
    let count = block.count
    let parts = min(count, options.workers == 1 ? 1 : options.workers * 4)
    guard parts > 0 else { return [] }
    let slots = ResultSlots<Chunk>(count: parts)
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      let range = (count * part / parts)..<(count * (part + 1) / parts)
      slots.store(convert(block, range, plan: plan), at: part)
    }
    return slots.values
  }

  private func convert(_ block: any RecordBlock, _ records: Range<Int>, plan: ConversionPlan) -> Chunk {
    var chunk = Chunk()
    chunk.rows.reserveCapacity(records.count)
    // Room for the usual entity up front: growing the buffer by doubling copies it and touches
    // fresh pages each time (the reserve that is not used is never touched).
    chunk.bytes = buffers.take(capacity: records.count * 1536)
    var scratch: [UInt8] = []
    let rowBuffer = RowBuffer()
    for record in records {
      let location = block.location(record)
      if block.isBlank(record) {
        let finding = ConvertRules.blankRow.finding(
          at: location, ["row": location.row.map(String.init) ?? "?"])
        chunk.rows.append(ConvertedRow(location: location, id: "", range: nil, findings: [finding], blank: true))
        continue
      }
      let notes = block.notes(record)
      if notes.contains(where: { $0.severity == .error }) {
        chunk.rows.append(ConvertedRow(location: location, id: "", range: nil, findings: notes))
        continue
      }
      if let rowWriter {
        convertDirectly(block.rowCells(record), location, notes, plan, rowWriter, rowBuffer, into: &chunk)
      } else {
        convertThroughEntity(block.rowCells(record), location, notes, plan, into: &chunk, &scratch)
      }
    }
    return chunk
  }

  /// NGSI-LD normalized and key-values output, written from the row's cells.
  private func convertDirectly(
    _ cells: RowCells, _ location: SourceLocation, _ notes: [Finding], _ plan: ConversionPlan,
    _ rowWriter: NGSILDRowWriter, _ rowBuffer: RowBuffer, into chunk: inout Chunk
  ) {
    var prepared = plan.prepare(cells, location: location)
    guard !prepared.context.rejected else {
      return chunk.rows.append(
        ConvertedRow(location: location, id: "", range: nil, findings: notes + prepared.context.findings))
    }
    let start = chunk.bytes.count
    rowBuffer.removeAll()
    rowWriter.write(&prepared, plan: plan, into: rowBuffer)
    chunk.bytes.append(contentsOf: rowBuffer.bytes)
    if options.layout == .lines { chunk.bytes.append(0x0A) }
    // `validates` rather than `if let validator`: binding the optional model validator copied it
    // (retaining all its members) for every row.
    let invalid = validates ? validate(Array(chunk.bytes[start...]), location) : []
    settle(prepared.id, at: location, start, notes + prepared.context.findings, invalid, into: &chunk)
  }

  private func convertThroughEntity(
    _ cells: RowCells, _ location: SourceLocation, _ notes: [Finding], _ plan: ConversionPlan, into chunk: inout Chunk,
    _ scratch: inout [UInt8]
  ) {
    let row = plan.convert(cells, location: location)
    guard let entity = row.entity else {
      return chunk.rows.append(ConvertedRow(location: location, id: "", range: nil, findings: notes + row.findings))
    }
    let start = chunk.bytes.count
    if let csv {
      csv.row(row.cells, into: &chunk.bytes)
    } else if let serializer {
      serializer.write(entity, into: &chunk.bytes)
      if options.layout == .lines { chunk.bytes.append(0x0A) }
    }
    var invalid: [Finding] = []
    if validates {
      if let validationSerializer {
        scratch.removeAll(keepingCapacity: true)
        validationSerializer.write(entity, into: &scratch)
        invalid = validate(scratch, location)
      } else {
        invalid = validate(Array(chunk.bytes[start...]), location)
      }
    }
    settle(entity.id, at: location, start, notes + row.findings, invalid, into: &chunk)
  }

  /// Records the converted row whose bytes start at `start`: accepted, or (when the model found
  /// errors) taken out again and rejected.
  private func settle(
    _ id: String, at location: SourceLocation, _ start: Int, _ findings: [Finding], _ invalid: [Finding],
    into chunk: inout Chunk
  ) {
    guard invalid.isEmpty else {
      chunk.bytes.removeSubrange(start...)
      let rejection = ConvertRules.entityInvalid.finding(
        at: location,
        ["row": location.row.map(String.init) ?? "?", "model": mapping.model, "count": String(invalid.count)])
      chunk.rows.append(
        ConvertedRow(location: location, id: id, range: nil, findings: findings + invalid + [rejection]))
      return
    }
    chunk.rows.append(ConvertedRow(location: location, id: id, range: start..<chunk.bytes.count, findings: findings))
  }

  /// The model's error findings for one serialized entity, located at the input row (the
  /// pointer says where in the entity); the fast verdict first, for NGSI-LD normalized output.
  private func validate(_ bytes: [UInt8], _ location: SourceLocation) -> [Finding] {
    guard let parsed = try? Self.parser.parse(bytes) else { return [unparsable(at: location)] }
    if let fastValidation, fastValidation.isValid(parsed.document.root, file: location.file) { return [] }
    return modelErrors(parsed.document.root, options.validator!, location)
  }

  /// The full validator's error findings for a parsed entity, located at the input row.
  private func modelErrors(_ root: JSONValue, _ validator: ModelValidator, _ location: SourceLocation) -> [Finding] {
    let findings = validator.entityFindings(root, file: location.file)
    return findings.filter { $0.severity == .error }.map { finding in
      var relocated = finding
      relocated.location = SourceLocation(
        file: location.file, line: location.line, pointer: finding.location.pointer, row: location.row,
        field: location.field)
      relocated.arguments["row"] = location.row.map(String.init)
      return relocated
    }
  }

  /// An entity the converter wrote that does not parse back (a converter bug, not the row's).
  private func unparsable(at location: SourceLocation) -> Finding {
    ConvertRules.entityInvalid.finding(
      at: location, ["row": location.row.map(String.init) ?? "?", "model": mapping.model, "count": "0"])
  }

  /// Parses the entities written, for validation: only the document is used, so repeated
  /// member names (an issue, not a syntax error) are not looked for.
  static let parser = JSONParser(options: JSONParser.Options(reportsDuplicateKeys: false))

  /// Keeps at most `limit` findings of each rule.
  struct Limiter {
    let limit: Int
    var counts: [String: Int] = [:]

    mutating func add(_ finding: Finding, to summary: inout ConversionSummary) {
      let count = counts[finding.ruleID, default: 0]
      counts[finding.ruleID] = count + 1
      if count < limit {
        summary.findings.append(finding)
      } else {
        summary.unlisted[finding.ruleID, default: 0] += 1
      }
    }
  }
}
