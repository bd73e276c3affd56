import RenkeiConformance
import RenkeiHTTP
import XCTest

final class CurlAndMaskingTests: XCTestCase {
  func testCurlQuotesEveryWordSafely() {
    let request = HTTPRequestMessage(
      method: "POST", target: "http://h:1/api/e?q=name==\"it's\"",
      headers: HTTPHeaderFields([("Content-Type", "application/json"), ("Link", "<http://x>; rel=\"y\"")]),
      body: Array(#"{"a":"it's $HOME `x`"}"#.utf8))
    XCTAssertEqual(
      CurlCommand.render(request),
      #"curl -i -X POST -H 'Content-Type: application/json' -H 'Link: <http://x>; rel="y"' --data-binary '{"a":"it'\''s $HOME `x`"}' 'http://h:1/api/e?q=name=="it'\''s"'"#
    )
    XCTAssertEqual(CurlCommand.quote("plain-word_1.0"), "plain-word_1.0")
    XCTAssertEqual(CurlCommand.quote(""), "''")
  }

  func testMaskerHidesCredentialsEverywhere() {
    let masker = CredentialMasker(secrets: ["s3cr3t-token"])
    let request = HTTPRequestMessage(
      method: "GET", target: "http://h/api?access_token=abc&type=T",
      headers: HTTPHeaderFields([
        ("Authorization", "Bearer s3cr3t-token"), ("X-Api-Key", "k"), ("Accept", "application/json"),
      ]),
      body: Array("echo s3cr3t-token".utf8))
    let masked = masker.request(request)
    XCTAssertEqual(masked.target, "http://h/api?access_token=***&type=T")
    XCTAssertEqual(masked.headers["Authorization"], "***")
    XCTAssertEqual(masked.headers["X-Api-Key"], "***")
    XCTAssertEqual(masked.headers["Accept"], "application/json")
    XCTAssertEqual(String(decoding: masked.body, as: UTF8.self), "echo ***")
    XCTAssertFalse(CurlCommand.render(masked).contains("s3cr3t"))
  }

  func testReportsNeverContainTheToken() {
    var report = ReportFixture.report
    report.results[1].exchanges[0].request.headers.add("Authorization", "Bearer s3cr3t-token")
    let masked = report.masked(by: CredentialMasker(secrets: ["s3cr3t-token"]))
    for format in ConformanceFormat.allCases {
      XCTAssertFalse(format.render(masked).contains("s3cr3t"), "\(format) leaks the token")
    }
  }
}
