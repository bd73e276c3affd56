import RenkeiStringFormats
import XCTest

final class NetworkFormatTests: XCTestCase {
  func testIPv4() {
    assertValid(.ipv4, ["0.0.0.0", "127.0.0.1", "255.255.255.255", "10.0.10.100"])
    assertInvalid(
      .ipv4,
      [
        "", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-1", "01.2.3.4", "1.2.3.004", "1.2.3.4 ", "1..2.3",
        "0x1.2.3.4", "１.2.3.4", "1.2.3.4/8",
      ])
  }

  func testIPv6() {
    assertValid(
      .ipv6,
      [
        "::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6::8",
        "2001:DB8::ff00:42:8329", "::ffff:192.0.2.128", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4",
      ])
    assertInvalid(
      .ipv6,
      [
        "", ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "1:2:3:4:5:6:7", "12345::", "g::", "1:", ":1",
        "::1.2.3", "::1.2.3.04", "1:2:3:4:5:6:7:1.2.3.4", "1.2.3.4::", "fe80::1%eth0", "[::1]", "::1/128",
      ])
  }

  func testHostname() {
    assertValid(
      .hostname,
      [
        "example.com", "a", "1host", "123.example", "example.12a", "a-b.c-d",
        "ab--cd.example",  // R-LDH labels other than "xn--" (RFC 1123)
        "xn--wgv71a119e.jp",  // 日本語.jp
        "XN--WGV71A119E.JP", String(repeating: "a", count: 63) + ".com",
        Array(repeating: String(repeating: "a", count: 63), count: 3).joined(separator: ".") + "."
          + String(repeating: "a", count: 61),  // 253 octets
      ])
    assertInvalid(
      .hostname,
      [
        "", ".", "example.com.", ".example.com", "a..b", "-a.com", "a-.com", "a_b.com", "a b.com",
        "1.2.3.4", "example.123", "123",  // an all-numeric top-level label (RFC 1123 §2.1)
        String(repeating: "a", count: 64) + ".com",
        Array(repeating: String(repeating: "a", count: 63), count: 4).joined(separator: "."),  // 255 octets
        "日本語.jp",  // U-labels are for idn-hostname
        "xn--.jp", "xn--abc.jp",  // decodes to nothing, or only ASCII
        "xn--WGV71A119E-.jp",  // not Punycode of a valid U-label
        "xn--zckzah.xn--wgv71a119e.xn--X",
      ])
  }

  func testIDNHostname() {
    assertValid(
      .idnHostname,
      [
        "日本語.jp", "例え.テスト", "東京。jp", "ラーメン.jp", "ジョン・スミス.jp",  // KATAKANA MIDDLE DOT among Katakana
        "〆切.jp", "xn--wgv71a119e.jp", "example.com", "bücher.de", "ひらがな．jp",
        "寿限無五劫擦切海砂利水魚水行末雲来末風来.jp",  // 20 characters, a 61-octet A-label
      ])
    assertInvalid(
      .idnHostname,
      [
        "", "日本語.", "。jp", "日本語.123", "日本語..jp", "Bücher.de",  // upper case is DISALLOWED in a U-label
        "ﾆﾎﾝ.jp",  // half-width katakana is DISALLOWED (not NFKC-stable)
        "ｅｘａｍｐｌｅ.jp", "１２３.jp", "㍻.jp", "ヿ.jp",
        "・.jp",  // KATAKANA MIDDLE DOT without Hiragana, Katakana or Han
        "寿限無五劫擦切海砂利水魚水行末雲来末風来末食寝処.jp",  // 24 characters but a 74-octet A-label
        "日本語_jp", "日本 語.jp",
      ])
  }

  func testEmail() {
    assertValid(
      .email,
      [
        "user@example.com", "first.last+tag@example.co.jp", "!#$%&'*+-/=?^_`{|}~@example.com",
        "\"with space\"@example.com", "\"a\\\"b\"@example.com", "\"\"@example.com", "user@[192.168.0.1]",
        "user@[IPv6:2001:db8::1]", "user@[ipv6:::ffff:1.2.3.4]", "user@localhost", "user@xn--wgv71a119e.jp",
      ])
    assertInvalid(
      .email,
      [
        "", "@example.com", "user@", "user", "user@@example.com", "a..b@example.com", ".a@example.com",
        "a.@example.com", "a b@example.com", "\"unterminated@example.com", "user@example..com",
        "user@-example.com", "user@[1.2.3.256]", "user@[IPv6:1:2:3:4:5:6:7::]",  // "::" must elide 2+ groups
        "user@[tag:value]", "user@[::1]", "user@example.com.", "ユーザー@example.jp", "user@日本語.jp",
        "\"é\"@example.com",
      ])
  }

  func testIDNEmail() {
    assertValid(
      .idnEmail,
      [
        "user@example.com", "山田太郎@example.jp", "山田.太郎@日本語.jp", "\"山田 太郎\"@example.jp",
        "ユーザー@xn--wgv71a119e.jp", "用户@例子.广告", "user@[127.0.0.1]",
      ])
    assertInvalid(
      .idnEmail,
      [
        "", "山田太郎", "山田太郎＠example.jp",  // a full-width "@" does not separate
        "山田..太郎@example.jp", "山田 太郎@example.jp", "user@日本語。jp",  // only "." separates labels here
        "user@ﾆﾎﾝ.jp", "\"\\山\"@example.jp",  // quoted-pairSMTP is ASCII only
      ])
  }
}
