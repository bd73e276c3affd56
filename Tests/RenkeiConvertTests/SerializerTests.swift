import RenkeiCore
import XCTest

@testable import RenkeiConvert

final class SerializerTests: XCTestCase {
  let entity = ConvertedEntity(
    id: "urn:ngsi-ld:PointOfInterest:1", type: "PointOfInterest",
    attributes: [
      .init(name: "name", value: .text("島原城 \"本丸\"\n")),
      .init(name: "height", value: .number("12.50"), unitCode: "MTR"),
      .init(name: "address", value: .object([.init("addressCountry", .text("JP"))])),
      .init(name: "location", value: .point(longitude: "130.36723", latitude: "32.78926"), kind: .geoProperty),
      .init(name: "refOwner", value: .text("urn:ngsi-ld:Organization:1"), kind: .relationship),
      .init(name: "open", value: .bool(true)),
    ])

  func write(_ serializer: any EntitySerializer) -> String {
    var out: [UInt8] = []
    serializer.write(entity, into: &out)
    XCTAssertNoThrow(try JSONParser().parse(out), "not JSON")
    return String(decoding: out, as: UTF8.self)
  }

  func testNGSILDNormalized() {
    XCTAssertEqual(
      write(NGSILDSerializer(form: .normalized, context: ["https://example.org/context.jsonld"])),
      #"{"id":"urn:ngsi-ld:PointOfInterest:1","type":"PointOfInterest","name":{"type":"Property","value":"島原城 \"本丸\"\n"},"height":{"type":"Property","value":12.50,"unitCode":"MTR"},"address":{"type":"Property","value":{"addressCountry":"JP"}},"location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[130.36723,32.78926]}},"refOwner":{"type":"Relationship","object":"urn:ngsi-ld:Organization:1"},"open":{"type":"Property","value":true},"@context":["https://example.org/context.jsonld","https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"]}"#
    )
  }

  func testNGSILDConciseWrapsOnlyWhatWouldBeAmbiguous() {
    XCTAssertEqual(
      write(NGSILDSerializer(form: .concise, context: [])),
      #"{"id":"urn:ngsi-ld:PointOfInterest:1","type":"PointOfInterest","name":"島原城 \"本丸\"\n","height":{"value":12.50,"unitCode":"MTR"},"address":{"value":{"addressCountry":"JP"}},"location":{"type":"Point","coordinates":[130.36723,32.78926]},"refOwner":{"object":"urn:ngsi-ld:Organization:1"},"open":true,"@context":"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"}"#
    )
  }

  func testNGSILDKeyValues() {
    XCTAssertEqual(
      write(NGSILDSerializer(form: .keyValues, context: [])),
      #"{"id":"urn:ngsi-ld:PointOfInterest:1","type":"PointOfInterest","name":"島原城 \"本丸\"\n","height":12.50,"address":{"addressCountry":"JP"},"location":{"type":"Point","coordinates":[130.36723,32.78926]},"refOwner":"urn:ngsi-ld:Organization:1","open":true,"@context":"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"}"#
    )
  }

  func testNGSIv2NormalizedAndKeyValues() {
    XCTAssertEqual(
      write(NGSIv2Serializer(keyValues: false)),
      #"{"id":"urn:ngsi-ld:PointOfInterest:1","type":"PointOfInterest","name":{"type":"Text","value":"島原城 \"本丸\"\n"},"height":{"type":"Number","value":12.50,"metadata":{"unitCode":{"type":"Text","value":"MTR"}}},"address":{"type":"StructuredValue","value":{"addressCountry":"JP"}},"location":{"type":"geo:json","value":{"type":"Point","coordinates":[130.36723,32.78926]}},"refOwner":{"type":"Relationship","value":"urn:ngsi-ld:Organization:1"},"open":{"type":"Boolean","value":true}}"#
    )
    XCTAssertTrue(
      write(NGSIv2Serializer(keyValues: true)).contains(#""height":12.50,"address":{"addressCountry":"JP"}"#))
  }

  func testGeoJSONFeature() {
    XCTAssertEqual(
      write(GeoJSONSerializer()),
      #"{"type":"Feature","id":"urn:ngsi-ld:PointOfInterest:1","geometry":{"type":"Point","coordinates":[130.36723,32.78926]},"properties":{"type":"PointOfInterest","name":"島原城 \"本丸\"\n","height":12.50,"address":{"addressCountry":"JP"},"refOwner":"urn:ngsi-ld:Organization:1","open":true}}"#
    )
  }

  func testJSONLD() {
    XCTAssertTrue(
      write(JSONLDSerializer(context: ["https://example.org/c.jsonld"])).hasPrefix(
        #"{"@context":"https://example.org/c.jsonld","@id":"urn:ngsi-ld:PointOfInterest:1","@type":"PointOfInterest","name":"#
      ))
  }

  func testStandardCSVQuotesOnlyWhenNeeded() {
    var out: [UInt8] = []
    StandardCSVWriter(columns: []).row(["a", "b,c", "say \"hi\"", "two\nlines", "焼津市"], into: &out)
    XCTAssertEqual(String(decoding: out, as: UTF8.self), "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",焼津市\r\n")
  }

  func testControlCharactersEscaped() {
    var out: [UInt8] = []
    JSONOutput.string("a\u{01}b\tc\\", into: &out)
    XCTAssertEqual(String(decoding: out, as: UTF8.self), #""a\u0001b\tc\\""#)
  }
}
