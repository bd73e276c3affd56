import XCTest

@testable import RenkeiConvert

final class MappingCatalogTests: XCTestCase {
  func testDetectsByFileName() throws {
    let catalog = try Fixtures.catalog()
    let (mapping, reason) = try XCTUnwrap(catalog.detect(path: "data/222127_aed.csv", labels: []))
    XCTAssertEqual(mapping.name, "aed")
    XCTAssertEqual(reason, .fileName("*_aed.csv"))
  }

  func testDetectsByHeaderWhenTheNameSaysNothing() throws {
    let catalog = try Fixtures.catalog()
    let header =
      "都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,種別,住所,方書,緯度,経度,アクセス方法,駐車場情報,電話番号,内線番号,FAX番号,法人番号,団体名,認可等年月日,収容定員,受入年齢,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,一時預かりの有無,URL,備考"
    let (mapping, reason) = try XCTUnwrap(
      catalog.detect(path: "export.csv", labels: header.split(separator: ",").map(String.init)))
    XCTAssertEqual(mapping.name, "preschool")
    XCTAssertEqual(reason, .header(matched: 28, of: 28))
  }

  func testNoMappingForAnUnrelatedTable() throws {
    XCTAssertNil(try Fixtures.catalog().detect(path: "sales.csv", labels: ["date", "amount", "shop"]))
  }

  func testGlob() {
    XCTAssertTrue(MappingCatalog.glob("*_aed.csv", matches: "222127_AED.csv"))
    XCTAssertTrue(MappingCatalog.glob("*_aed_*.csv", matches: "222127_aed_2024.csv"))
    XCTAssertFalse(MappingCatalog.glob("*_aed.csv", matches: "222127_aed_2024.csv"))
  }
}
