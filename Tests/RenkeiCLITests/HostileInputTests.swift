import Foundation
import RenkeiCore
import XCTest

/// No input crashes or hangs renkei: malformed, truncated, deep, binary or huge-line files
/// all end with a report and exit code 0, 1 or 2.
final class HostileInputTests: XCTestCase {
  func testGarbageNeverCrashes() throws {
    let dir = NSTemporaryDirectory() + "renkei-hostile-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var generator = SplitMix64(seed: 42)
    let valid = Array(#"{"a": [1, 2.5e3, "東京", {"b": null}], "c": "\u00e9\ud83d\ude00"}"#.utf8)
    var cases: [(String, [UInt8])] = [
      ("deep.json", Array(String(repeating: "[", count: 200_000).utf8)),
      ("deep-objects.json", Array(String(repeating: "{\"a\":", count: 100_000).utf8)),
      ("nul.json", [0, 0, 0, 0]),
      ("empty.json", []),
      ("empty.jsonl", []),
      ("empty.yaml", []),
      ("empty.xml", []),
      ("binary.yaml", (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }),
      ("binary.xml", [0x3C] + (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }),
      ("deep.yaml", Array(String(repeating: "[", count: 100_000).utf8)),
      ("deep.xml", Array((String(repeating: "<a>", count: 100_000)).utf8)),
    ]
    // Every truncation and many single-byte corruptions of a valid document.
    for length in 0..<valid.count { cases.append(("cut\(length).json", Array(valid[0..<length]))) }
    for k in 0..<200 {
      var bytes = valid
      bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
      cases.append(("flip\(k).jsonl", bytes + [0x0A] + valid))
    }
    for (name, bytes) in cases {
      FileManager.default.createFile(atPath: "\(dir)/\(name)", contents: Data(bytes))
    }
    let result = try RenkeiProcess.run(["validate", "--format", "json", dir])
    XCTAssertFalse(result.crashed, result.stderr)
    XCTAssertEqual(result.status, 1, result.stderr)
    let report = try JSONParser().parse(result.stdout).document.root
    XCTAssertEqual(report["files"]?.count, cases.count, "every file has its entry in the report")
    for file in report["files"]!.elements {
      let path = file["path"]?.string ?? ""
      if path.contains("/cut") || path.contains("/deep") || path.contains("/nul") || path.hasSuffix("empty.json") {
        XCTAssertFalse(file["passed"]?.bool ?? true, "\(path) must fail")
      }
    }
  }
}

/// A small deterministic generator so the test is the same on every run.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
