import Dispatch
import RenkeiCore

/// Validates a JSON Lines file chunk by chunk (constant memory), parsing the lines of each
/// chunk on all cores. Findings come back in line order whatever the scheduling.
public struct JSONLinesFileValidator: Sendable {
  public var maxDepth: Int
  public var reader: JSONLinesReader
  public var workers: Int
  public var checks: DocumentChecks

  public init(
    maxDepth: Int = JSONParser.Options().maxDepth, reader: JSONLinesReader = JSONLinesReader(),
    workers: Int = max(1, ProcessInfoCores.active), checks: DocumentChecks = DocumentChecks()
  ) {
    self.maxDepth = maxDepth
    self.checks = checks
    self.reader = reader
    self.workers = workers
  }

  /// Throws only when the file cannot be read; bad lines are findings.
  public func validate(path: String) throws -> Report.Subject {
    var findings: [Finding] = []
    var documents = 0
    try reader.forEachChunk(inFileAt: path) { chunk in
      let parts = JSONLinesFileValidator.partition(chunk.lines, into: workers)
      let results = ResultSlots<BatchResult>(count: parts.count)
      DispatchQueue.concurrentPerform(iterations: parts.count) { part in
        results.store(validate(chunk, lines: parts[part], path: path), at: part)
      }
      for result in results.values {
        findings += result.findings
        documents += result.documents
      }
    }
    return Report.Subject(path: path, format: InputFormat.jsonLines.rawValue, itemCount: documents, findings: findings)
  }

  private struct BatchResult: Sendable {
    var findings: [Finding] = []
    var documents = 0
  }

  private func validate(_ chunk: JSONLinesReader.Chunk, lines: Range<Int>, path: String) -> BatchResult {
    var result = BatchResult()
    let checker = JSONChecker(maxDepth: maxDepth)
    chunk.bytes.withUnsafeBufferPointer { all in
      for line in chunk.lines[lines] {
        let bytes = UnsafeBufferPointer(rebasing: all[line.start..<line.end])
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
          result.findings.append(
            ValidationRules.blankLine.finding(at: SourceLocation(file: path, line: line.number, column: 1)))
          continue
        }
        result.documents += 1
        // Without document checks most lines need no document: check them in place, and parse
        // again only to explain a line that has something to report.
        if checks.isEmpty, (try? checker.check(bytes, firstLine: line.number)) == .clean { continue }
        do throws(JSONSyntaxError) {
          let parsed = try JSONParser(options: .init(maxDepth: maxDepth, firstLine: line.number)).parse(Array(bytes))
          result.findings += parsed.findings(file: path)
          result.findings += checks.findings(parsed.document.root, file: path)
        } catch {
          result.findings.append(error.finding(file: path))
        }
      }
    }
    return result
  }

  /// Contiguous ranges of about equal size, one per worker.
  static func partition(_ lines: [JSONLinesReader.Line], into parts: Int) -> [Range<Int>] {
    guard parts > 1, lines.count > 1 else { return [0..<lines.count] }
    let total = (lines.last!.end - lines.first!.start)
    var ranges: [Range<Int>] = []
    var start = 0
    for part in 1..<parts {
      let target = lines.first!.start + total * part / parts
      var end = start
      while end < lines.count, lines[end].start < target { end += 1 }
      ranges.append(start..<end)
      start = end
    }
    ranges.append(start..<lines.count)
    return ranges.filter { !$0.isEmpty }
  }
}
