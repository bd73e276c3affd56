import RenkeiConformance
import XCTest

final class CoverageTests: XCTestCase {
  let index = """
    tp_file\tcase\tarea\tdocumentation\ttags
    001_01\t001_01_01 Minimal\tA/Prov/Create\tdoc\tt
    001_01\t001_01_02 Simple\tA/Prov/Create\tdoc\tt
    002_01\t002_01_01 Delete\tA/Prov/Delete\tdoc\tt
    003_01\t003_01_01 Query\tB/Cons/Query\tdoc\tt
    003_01\t003_01_01 Query again\tB/Cons/Query\tdoc\tt
    """

  func testCountsMirroredAndMissingPerArea() throws {
    let coverage = try ETSICoverage(
      indexTSV: index, prefix: "TP/X/",
      profileIDs: ["TP/X/A/Prov/Create/001_01_01", "TP/X/B/Cons/Query/003_01_01", "TP/X/A/Prov/Create/009_09_09"])
    XCTAssertEqual(coverage.index.count, 4, "duplicate index rows count once")
    XCTAssertEqual(coverage.mirrored.count, 2)
    XCTAssertEqual(coverage.unknown, ["TP/X/A/Prov/Create/009_09_09"])
    let rows = coverage.rows(depth: 2)
    XCTAssertEqual(rows.map(\.area), ["A/Prov", "B/Cons"])
    XCTAssertEqual(rows[0].mirrored, 1)
    XCTAssertEqual(rows[0].missing, ["A/Prov/Create/001_01_02", "A/Prov/Delete/002_01_01"])
    let text = coverage.render(depth: 2)
    XCTAssertTrue(text.contains("total"), text)
    XCTAssertTrue(text.contains("not in the index: TP/X/A/Prov/Create/009_09_09"), text)
  }

  func testIndexWithoutColumnsIsRejected() {
    XCTAssertThrowsError(try ETSICoverage(indexTSV: "a\tb\n1\t2", prefix: "", profileIDs: []))
  }
}
