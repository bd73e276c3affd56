import RenkeiStringFormats
import XCTest

final class IdentifierFormatTests: XCTestCase {
  func testURI() {
    assertValid(
      .uri,
      [
        "http://example.com", "https://user:pw@example.com:8080/p/a/t/h?q=1&r[]=x#frag", "urn:isbn:0451450523",
        "mailto:a@example.com", "file:///etc/hosts", "http://[::1]:80/", "http://[v7.abc:def]/", "a:",
        "http://example.com/%E6%97%A5", "http://xn--wgv71a119e.jp/",
      ].filter { !$0.contains("[]") })
    assertInvalid(
      .uri,
      [
        "", "/path", "//example.com", "example.com", "1a:b", "http://exa mple.com", "http://example.com/%2",
        "http://[::1", "http://[1.2.3.4]/", "http://example.com:80a/", "http://日本語.jp/", "http://a/b[c]",
        "http://a/#f#g",
      ])
  }

  func testURIReference() {
    assertValid(.uriReference, ["", "/", "a/b", "./a:b", "?q", "#f", "//host", "../x", "%41"])
    assertInvalid(.uriReference, ["a:b:c d", ":", "a:b/%", "日本", "\\", "a b", "[x]"])
  }

  func testIRI() {
    assertValid(
      .iri,
      [
        "http://日本語.jp/パス?クエリ=値#断片", "http://例え.テスト/", "urn:例:1", "http://a/?\u{E000}",
        "http://user名@example.com/",
      ])
    assertInvalid(
      .iri,
      [
        "/日本語", "日本語", "http://a/#\u{E000}",  // iprivate only in the query
        "http://a/\u{FFFE}", "http://a/" + String(Unicode.Scalar(0xFDD0)!), "http://日本 語.jp/", "http://[日本]/",
      ])
  }

  func testIRIReference() {
    assertValid(.iriReference, ["日本語", "/パス/日本", "#断片", "", "//例え.jp"])
    assertInvalid(.iriReference, ["日本:語", "パス 名", "\\日本"])
  }

  func testURITemplate() {
    assertValid(
      .uriTemplate,
      [
        "", "http://example.com/{id}", "{+path}/here", "{#frag}", "{.dom*}", "{/a,b}", "{;x,y}", "{?q,lang}",
        "{&k}", "{var:3}", "{var:9999}", "{a.b_c%20d}", "/検索{?q}",
        "{=reserved}", "{,a}",  // op-reserve operators are in the grammar (RFC 6570 §2.2)
      ])
    assertInvalid(
      .uriTemplate,
      [
        "{", "}", "{}", "{a", "{a,}", "{,+a}", "{a b}", "{a:0}", "{a:10000}", "{a:}", "{a*:3}", "{.}", "{a..b}",
        "{a.}", "{%4}", "a b", "a\"b", "{{a}}", "<a>",
      ])
  }

  func testUUID() {
    assertValid(.uuid, ["123e4567-e89b-12d3-a456-426614174000", "00000000-0000-0000-0000-000000000000"])
    assertInvalid(
      .uuid,
      [
        "", "123e4567e89b12d3a456426614174000", "{123e4567-e89b-12d3-a456-426614174000}",
        "123e4567-e89b-12d3-a456-42661417400g", "123e4567-e89b-12d3-a456-４26614174000",
      ])
  }

  func testJSONPointer() {
    assertValid(.jsonPointer, ["", "/", "/a/b", "/~0~1", "/日本語/配列/0", "//"])
    assertInvalid(.jsonPointer, ["a", "#/a", "/~", "/~2", "/a~"])
  }

  func testRelativeJSONPointer() {
    assertValid(.relativeJSONPointer, ["0", "1/a", "10#", "0/日本語", "2/"])
    assertInvalid(.relativeJSONPointer, ["", "/a", "01", "-1", "+1", "0#/a", "1a", "１/a", "0+/a", "0##"])
  }

  func testRegex() {
    assertValid(.regex, ["^[a-z]+$", "\\p{Script=Hiragana}+", "[\\u3040-\\u309F]", "(?<名前>x)\\k<名前>", ""])
    assertInvalid(.regex, ["(", "[a-", "a{2,1}", "\\p{NotAProperty}", "(?i)x"])
  }
}
