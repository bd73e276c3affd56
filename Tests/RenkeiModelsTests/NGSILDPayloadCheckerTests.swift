import RenkeiCore
import XCTest

@testable import RenkeiModels

/// Each NGSI-LD rule fires on a crafted entity and stays silent on a good one.
final class NGSILDPayloadCheckerTests: XCTestCase {
  func rules(_ json: String, _ representation: Representation = .ngsiLDNormalized, requireContext: Bool = false) throws
    -> [String]
  {
    let entity = try JSONParser().parse(json).document.root
    return NGSILDPayloadChecker(requireContext: requireContext)
      .findings(entity, representation: representation, file: "e.jsonld").map(\.ruleID)
  }

  let good = """
    {"id": "urn:ngsi-ld:Shelter:001", "type": "Shelter", "@context": "https://example.org/context.jsonld",
     "name": {"type": "Property", "value": "中央公民館", "observedAt": "2024-04-01T09:00:00Z"},
     "capacity": {"type": "Property", "value": 120, "unitCode": "C62",
                  "reliability": {"type": "Property", "value": 0.9}},
     "refArea": {"type": "Relationship", "object": "urn:ngsi-ld:Area:1"},
     "members": {"type": "Relationship", "object": ["urn:ngsi-ld:A:1", "urn:ngsi-ld:A:2"]},
     "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [138.38, 34.97]}},
     "label": {"type": "LanguageProperty", "languageMap": {"ja": "避難所", "en": "Shelter"}},
     "category": {"type": "VocabProperty", "vocab": ["shelter"]},
     "hours": {"type": "ListProperty", "valueList": ["09:00", "17:00"]},
     "route": {"type": "ListRelationship", "objectList": [{"object": "urn:ngsi-ld:Stop:1"}]},
     "raw": {"type": "JsonProperty", "json": {"any": [1, 2]}},
     "temperature": [{"type": "Property", "value": 20, "datasetId": "urn:ngsi-ld:Dataset:a"},
                     {"type": "Property", "value": 21}],
     "createdAt": "2024-04-01T00:00:00Z"}
    """

  func testAGoodEntityHasNoFindings() throws {
    XCTAssertEqual(try rules(good, requireContext: true), [])
  }

  func testIdentifiers() throws {
    XCTAssertEqual(try rules(#"{"type": "T"}"#), ["ngsi-ld-missing-id"])
    XCTAssertEqual(try rules(#"{"id": "shelter 1", "type": "T"}"#), ["ngsi-ld-id-not-uri"])
    XCTAssertEqual(try rules(#"{"id": 7, "type": "T"}"#), ["ngsi-ld-id-not-uri"])
    XCTAssertEqual(try rules(#"{"id": "urn:x:1"}"#), ["ngsi-ld-missing-type"])
    XCTAssertEqual(try rules(#"{"id": "urn:x:1", "type": 3}"#), ["ngsi-ld-missing-type"])
    XCTAssertEqual(try rules(#"{"id": "urn:x:1", "type": ["A", "B"]}"#), [])
  }

  func testAttributeTypesAndTheirMembers() throws {
    func attribute(_ body: String) throws -> [String] { try rules(#"{"id": "urn:x:1", "type": "T", "a": \#(body)}"#) }
    XCTAssertEqual(try attribute(#"{"type": "Text", "value": 1}"#), ["ngsi-ld-attribute-type"])
    XCTAssertEqual(try attribute(#"{"value": 1}"#), ["ngsi-ld-attribute-type"])
    XCTAssertEqual(try attribute("5"), ["ngsi-ld-attribute-not-object"])
    XCTAssertEqual(try attribute(#"{"type": "Property"}"#), ["ngsi-ld-property-value"])
    XCTAssertEqual(try attribute(#"{"type": "Property", "value": null}"#), ["ngsi-ld-property-value"])
    XCTAssertEqual(try attribute(#"{"type": "Relationship", "object": "not a uri"}"#), ["ngsi-ld-relationship-object"])
    XCTAssertEqual(try attribute(#"{"type": "Relationship"}"#), ["ngsi-ld-relationship-object"])
    XCTAssertEqual(
      try attribute(#"{"type": "GeoProperty", "value": {"type": "Point", "coordinates": [1]}}"#),
      ["ngsi-ld-geoproperty-value"])
    XCTAssertEqual(try attribute(#"{"type": "GeoProperty", "value": "35.6,139.7"}"#), ["ngsi-ld-geoproperty-value"])
    // A well-shaped geometry still meets RFC 7946: here latitude and longitude are swapped.
    XCTAssertEqual(
      try attribute(#"{"type": "GeoProperty", "value": {"type": "Point", "coordinates": [35.6, 139.7]}}"#),
      ["geojson-coordinate-range"])
    XCTAssertEqual(try attribute(#"{"type": "LanguageProperty", "value": "x"}"#), ["ngsi-ld-language-map"])
    XCTAssertEqual(try attribute(#"{"type": "VocabProperty", "vocab": 3}"#), ["ngsi-ld-vocab"])
    XCTAssertEqual(try attribute(#"{"type": "ListProperty", "valueList": "x"}"#), ["ngsi-ld-value-list"])
    XCTAssertEqual(try attribute(#"{"type": "ListRelationship"}"#), ["ngsi-ld-object-list"])
    XCTAssertEqual(try attribute(#"{"type": "JsonProperty", "value": 1}"#), ["ngsi-ld-json"])
  }

  func testTemporalDatasetAndUnitMembers() throws {
    func attribute(_ body: String) throws -> [String] { try rules(#"{"id": "urn:x:1", "type": "T", "a": \#(body)}"#) }
    XCTAssertEqual(
      try attribute(#"{"type": "Property", "value": 1, "observedAt": "2024-04-01T09:00:00"}"#), ["ngsi-ld-datetime"])
    XCTAssertEqual(
      try attribute(#"{"type": "Property", "value": 1, "observedAt": "2024-04-01T09:00:00+09:00"}"#),
      ["ngsi-ld-datetime"])
    XCTAssertEqual(try rules(#"{"id": "urn:x:1", "type": "T", "modifiedAt": "yesterday"}"#), ["ngsi-ld-datetime"])
    XCTAssertEqual(
      try attribute(#"{"type": "Property", "value": 1, "datasetId": "sensor A"}"#), ["ngsi-ld-datasetid-not-uri"])
    XCTAssertEqual(
      try attribute(
        #"[{"type": "Property", "value": 1, "datasetId": "urn:d:1"}, {"type": "Property", "value": 2, "datasetId": "urn:d:1"}]"#
      ),
      ["ngsi-ld-datasetid-duplicate"])
    XCTAssertEqual(
      try attribute(#"[{"type": "Property", "value": 1}, {"type": "Property", "value": 2}]"#),
      ["ngsi-ld-datasetid-duplicate"])
    XCTAssertEqual(try attribute(#"{"type": "Property", "value": 1, "unitCode": 7}"#), ["ngsi-ld-unitcode"])
    XCTAssertEqual(
      try attribute(#"{"type": "Property", "value": 1, "sub": {"type": "Property"}}"#), ["ngsi-ld-property-value"])
  }

  func testNamesAndContext() throws {
    XCTAssertEqual(
      try rules(#"{"id": "urn:x:1", "type": "T", "bad name": {"type": "Property", "value": 1}}"#),
      ["ngsi-ld-attribute-name"])
    XCTAssertEqual(
      try rules(#"{"id": "urn:x:1", "type": "T", "a(1)": {"type": "Property", "value": 1}}"#),
      ["ngsi-ld-attribute-name"])
    XCTAssertEqual(
      try rules(#"{"id": "urn:x:1", "type": "T", "https://schema.org/name": {"type": "Property", "value": 1}}"#), [])
    XCTAssertEqual(
      try rules(#"{"id": "urn:x:1", "type": "T", "value": {"type": "Property", "value": 1}}"#),
      ["ngsi-ld-reserved-name"])
    XCTAssertEqual(try rules(#"{"id": "urn:x:1", "type": "T"}"#, requireContext: true), ["ngsi-ld-context-missing"])
    XCTAssertEqual(try rules(#"{"id": "urn:x:1", "type": "T", "@context": []}"#, requireContext: true), [])
  }

  func testConciseAndKeyValuesForms() throws {
    let concise =
      #"{"id": "urn:x:1", "type": "T", "a": {"value": 1}, "r": {"object": "urn:x:2"}, "b": 2, "bad": {"object": "x y"}}"#
    XCTAssertEqual(try rules(concise, .ngsiLDConcise), ["ngsi-ld-relationship-object"])
    XCTAssertEqual(try rules(#"{"id": "urn:x:1", "type": "T", "a": {"anything": 1}}"#, .ngsiLDKeyValues), [])
  }

  func testEveryRuleHasAClauseAndATemplate() {
    for rule in NGSILDRules.all {
      XCTAssertEqual(rule.spec?.document, "ETSI GS CIM 009 V1.8.1", rule.id)
      XCTAssertFalse(rule.spec?.clause.isEmpty ?? true, rule.id)
      XCTAssertTrue(rule.id.hasPrefix("ngsi-ld-"))
    }
  }

  /// The byte classification of member names answers what the string predicates answer.
  func testMemberKindAgreesWithTheNamePredicates() throws {
    let names = [
      "id", "type", "@context", "scope", "createdAt", "modifiedAt", "deletedAt", "observedAt", "name", "value",
      "object", "objectType", "languageMap", "vocab", "valueList", "objectList", "json", "datasetId", "unitCode",
      "instanceId", "previousValue", "previousObject", "values", "Value", "", "a b", "a/b", "x<y", "tab\t",
      "名称", "location", "a;b", "q?", "h#", "amp&", "eq=", "(p)", "'s", "\"q\"", "new\nline", "cr\r",
      "https://example.org/a", "typ", "ids", "@contexts",
    ]
    for name in names {
      var quoted = "\""
      for scalar in name.unicodeScalars {
        switch scalar {
        case "\"": quoted += "\\\""
        case "\n": quoted += "\\n"
        case "\r": quoted += "\\r"
        case "\t": quoted += "\\t"
        default: quoted.unicodeScalars.append(scalar)
        }
      }
      let key = try JSONParser().parse("{" + quoted + "\": 1}").document.root
      var keyValue: JSONValue?
      key.forEachMember { name, _ in keyValue = name }
      let temporal = NGSILDPayloadChecker.isTemporalMember(name)
      let core = ["id", "type", "@context", "scope"].contains(name)
      let suspect =
        name.unicodeScalars.contains { "<>\"'=;()&?#/ \t\n\r".unicodeScalars.contains($0) }
        || NGSILDPayloadChecker.reserved.contains(name)
      let expected: NGSILDPayloadChecker.MemberKind =
        temporal ? .temporal : core ? .core : suspect ? .suspectName : .attribute
      XCTAssertEqual(NGSILDPayloadChecker.memberKind(keyValue!), expected, name)
    }
  }
}
