import XCTest

@testable import RenkeiStringFormats

final class PunycodeTests: XCTestCase {
  /// Sample strings of RFC 3492 §7.1.
  static let samples: [(String, String)] = [
    (
      "\u{0644}\u{064A}\u{0647}\u{0645}\u{0627}\u{0628}\u{062A}\u{0643}\u{0644}\u{0645}\u{0648}\u{0634}\u{0639}"
        + "\u{0631}\u{0628}\u{064A}\u{061F}", "egbpdaj6bu4bxfgehfvwxn"
    ),
    ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
    ("3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"),
    ("安室奈美恵-with-SUPER-MONKEYS", "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"),
    ("Hello-Another-Way-それぞれの場所", "Hello-Another-Way--fc4qua05auwb3674vfr0b"),
    ("ひとつ屋根の下2", "2-u9tlzr9756bt3uc0v"),
    ("MajiでKoiする5秒前", "MajiKoi5-783gue6qz075azm5e"),
    ("パフィーdeルンバ", "de-jg4avhby1noc0d"),
    ("そのスピードで", "d9juau41awczczp"),
    ("なぜみんな日本語を話してくれないのか", "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa"),
  ]

  func testRFC3492Samples() {
    for (unicode, punycode) in Self.samples {
      let scalars = unicode.unicodeScalars.map(\.value)
      XCTAssertEqual(Punycode.encode(scalars).map { String(decoding: $0, as: UTF8.self) }, punycode, unicode)
      XCTAssertEqual(Punycode.decode(Array(punycode.utf8)), scalars, punycode)
      // Decoders accept digits in either case (RFC 3492 §5).
      XCTAssertEqual(Punycode.decode(Array(punycode.uppercased().utf8))?.count, scalars.count, punycode)
    }
  }

  func testInvalidPunycode() {
    for text in ["X", "-", "99999999999", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "a-b!c", "日本"] {
      if let decoded = Punycode.decode(Array(text.utf8)) {
        // Some of these decode; none may round-trip to a different text.
        XCTAssertNotEqual(Punycode.encode(decoded).map { String(decoding: $0, as: UTF8.self) }, text, text)
      }
    }
    XCTAssertNil(Punycode.decode(Array("X".utf8)))
    XCTAssertEqual(Punycode.decode(Array("a-".utf8)), [0x61])  // all basic: valid Punycode, but not an A-label
    XCTAssertNil(Punycode.decode(Array("99999999999".utf8)))  // overflow (RFC 3492 §6.4)
  }

  func testIDNAContextRules() {
    XCTAssertTrue(IDNA.isValidULabel(Array("l·l".unicodeScalars.map(\.value))))
    XCTAssertFalse(IDNA.isValidULabel(Array("a·l".unicodeScalars.map(\.value))))
    XCTAssertTrue(IDNA.isValidULabel(Array("・カ".unicodeScalars.map(\.value))))
    XCTAssertFalse(IDNA.isValidULabel(Array("・a".unicodeScalars.map(\.value))))
    XCTAssertFalse(IDNA.isValidULabel(Array("\u{0301}a".unicodeScalars.map(\.value))))  // leading combining mark
  }
}
