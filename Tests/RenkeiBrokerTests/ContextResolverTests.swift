import RenkeiCore
import XCTest

@testable import RenkeiBroker

final class ContextResolverTests: XCTestCase {
  let resolver = ContextResolver()

  func testCoreTermsAndDefaultVocabulary() throws {
    let core = resolver.core
    XCTAssertEqual(core.expand("location"), "https://uri.etsi.org/ngsi-ld/location")
    XCTAssertEqual(core.expand("speed"), "https://uri.etsi.org/ngsi-ld/default-context/speed")
    XCTAssertEqual(core.compact("https://uri.etsi.org/ngsi-ld/default-context/speed"), "speed")
    XCTAssertEqual(core.compact("https://uri.etsi.org/ngsi-ld/location"), "location")
  }

  func testInlineContextTermsPrefixesAndVocab() throws {
    let inline = try JSONTree.parse(
      #"{"ex": "https://example.org/", "Vehicle": "ex:Vehicle", "speed": {"@id": "ex:speed"}, "location": "ex:loc"}"#)
    let active = try resolver.activeContext(inline)
    XCTAssertEqual(active.expand("Vehicle"), "https://example.org/Vehicle")
    XCTAssertEqual(active.expand("speed"), "https://example.org/speed")
    XCTAssertEqual(active.expand("ex:brand"), "https://example.org/brand")
    // Core terms are protected.
    XCTAssertEqual(active.expand("location"), "https://uri.etsi.org/ngsi-ld/location")
    XCTAssertEqual(active.compact("https://example.org/speed"), "speed")
    let vocab = try resolver.activeContext(try JSONTree.parse(#"{"@vocab": "https://ngsi-ld-test-suite/context#"}"#))
    XCTAssertEqual(vocab.expand("Building"), "https://ngsi-ld-test-suite/context#Building")
    XCTAssertEqual(vocab.compact("https://ngsi-ld-test-suite/context#Building"), "Building")
  }

  func testCoreURLsResolveOfflineAndOthersAreNotAvailable() throws {
    XCTAssertNoThrow(try resolver.activeContext(.string(ContextResolver.coreContextURL)))
    XCTAssertNoThrow(try resolver.activeContext(.string("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld")))
    for url in [
      "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-non-existing.jsonld", "https://example.org/context.jsonld",
    ] {
      XCTAssertThrowsError(try resolver.activeContext(.string(url))) { error in
        XCTAssertEqual((error as? ProblemDetails)?.kind, .ldContextNotAvailable)
        XCTAssertEqual((error as? ProblemDetails)?.status, 504)
      }
    }
    resolver.registered.update {
      $0["http://127.0.0.1:9/ctx.jsonld"] = .object([("@context", .object([("a", .string("urn:a"))]))])
    }
    XCTAssertEqual(try resolver.activeContext(.string("http://127.0.0.1:9/ctx.jsonld")).expand("a"), "urn:a")
  }
}
