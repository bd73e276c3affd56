import RenkeiCore

/// NGSI-LD payload rules (ETSI GS CIM 009 V1.8.1), each citing its clause.
public enum NGSILDRules {
  static func clause(_ number: String) -> SpecReference {
    SpecReference(
      document: "ETSI GS CIM 009 V1.8.1", clause: number,
      url: "https://www.etsi.org/deliver/etsi_gs/CIM/001_099/009/01.08.01_60/gs_CIM009v010801p.pdf")
  }

  static func rule(_ id: String, _ clause: String, _ message: String, fix: String) -> Rule {
    rule(id, .error, clause, message, fix: fix)
  }

  static func rule(_ id: String, _ severity: Severity, _ clause: String, _ message: String, fix: String) -> Rule {
    Rule(id: id, severity: severity, spec: NGSILDRules.clause(clause), message: message, fix: fix)
  }

  public static let missingID = rule(
    "ngsi-ld-missing-id", "5.2.4", "The entity has no \"id\".",
    fix: "Give the entity an id that is a URI, e.g. urn:ngsi-ld:Type:001.")
  public static let idNotURI = rule(
    "ngsi-ld-id-not-uri", "5.2.4", "The entity id {found} is not a URI.",
    fix: "Use an absolute URI such as urn:ngsi-ld:{type}:{found}.")
  public static let missingType = rule(
    "ngsi-ld-missing-type", "5.2.4", "The entity has no \"type\" (a string, or an array of strings).",
    fix: "Add the entity type, e.g. \"type\": \"PointOfInterest\".")
  public static let attributeType = rule(
    "ngsi-ld-attribute-type", "5.2.5",
    "Attribute \"{attribute}\" has type {found}, which is not an NGSI-LD attribute type.",
    fix:
      "Use Property, Relationship, GeoProperty, LanguageProperty, VocabProperty, ListProperty, ListRelationship or JsonProperty."
  )
  public static let attributeNotObject = rule(
    "ngsi-ld-attribute-not-object", "4.5.1",
    "Attribute \"{attribute}\" is a bare value, but the normalized representation needs an object with \"type\".",
    fix:
      "Write it as {\"type\": \"Property\", \"value\": ...}, or validate as key-values (--representation ngsi-ld-keyvalues)."
  )
  public static let propertyValue = rule(
    "ngsi-ld-property-value", "5.2.5", "Property \"{attribute}\" has no \"value\" (or it is null).",
    fix: "Give the Property a non-null value.")
  public static let relationshipObject = rule(
    "ngsi-ld-relationship-object", "5.2.6",
    "Relationship \"{attribute}\" needs \"object\": a URI or an array of URIs; found {found}.",
    fix: "Point the relationship at the target entity's id, e.g. \"object\": \"urn:ngsi-ld:Building:001\".")
  public static let geoPropertyValue = rule(
    "ngsi-ld-geoproperty-value", "5.2.7", "GeoProperty \"{attribute}\" must hold a GeoJSON geometry: {detail}.",
    fix: "Write the value as a GeoJSON geometry, e.g. {\"type\": \"Point\", \"coordinates\": [139.7, 35.6]}.")
  public static let languageMap = rule(
    "ngsi-ld-language-map", "5.2.32",
    "LanguageProperty \"{attribute}\" needs \"languageMap\": an object of language tag to string.",
    fix: "Write e.g. \"languageMap\": {\"ja\": \"図書館\", \"en\": \"Library\"}.")
  public static let vocab = rule(
    "ngsi-ld-vocab", "5.2.35", "VocabProperty \"{attribute}\" needs \"vocab\": a string or an array of strings.",
    fix: "Write the vocabulary term(s) under \"vocab\".")
  public static let valueList = rule(
    "ngsi-ld-value-list", "5.2.36", "ListProperty \"{attribute}\" needs \"valueList\": an array.",
    fix: "Write the ordered values under \"valueList\".")
  public static let objectList = rule(
    "ngsi-ld-object-list", "5.2.37", "ListRelationship \"{attribute}\" needs \"objectList\": an array of URIs.",
    fix: "Write the ordered target ids under \"objectList\".")
  public static let json = rule(
    "ngsi-ld-json", "5.2.38", "JsonProperty \"{attribute}\" needs \"json\".",
    fix: "Write the raw JSON value under \"json\".")
  public static let dateTime = rule(
    "ngsi-ld-datetime", "5.2.2", "\"{member}\" must be an ISO 8601 UTC date-time (ending in Z); found {found}.",
    fix: "Write it as e.g. 2024-04-01T09:00:00Z.")
  public static let datasetIDNotURI = rule(
    "ngsi-ld-datasetid-not-uri", "5.2.5", "datasetId {found} of \"{attribute}\" is not a URI.",
    fix: "Use a URI such as urn:ngsi-ld:Dataset:sensorA.")
  public static let datasetIDDuplicate = rule(
    "ngsi-ld-datasetid-duplicate", "4.5.5",
    "Attribute \"{attribute}\" has two instances with the same datasetId ({found}).",
    fix: "Give each instance of a multi-attribute its own datasetId (at most one without).")
  public static let unitCode = rule(
    "ngsi-ld-unitcode", "5.2.5", "unitCode of \"{attribute}\" must be a UN/CEFACT Common Code string; found {found}.",
    fix: "Write e.g. \"unitCode\": \"CEL\" for degrees Celsius.")
  public static let attributeName = rule(
    "ngsi-ld-attribute-name", "4.6.2",
    "Attribute name \"{attribute}\" contains {found}, which NGSI-LD names may not contain.",
    fix: "Use a name made of letters, digits and underscores, or a full URI.")
  public static let reservedName = rule(
    "ngsi-ld-reserved-name", "4.6.3", "\"{attribute}\" is a reserved NGSI-LD term and cannot be an attribute name.",
    fix: "Rename the attribute.")
  public static let contextMissing = rule(
    "ngsi-ld-context-missing", .warning, "6.3.5",
    "The entity has no \"@context\"; as application/ld+json it needs one (with application/json the context comes from a Link header).",
    fix: "Add \"@context\" with the model's context URL, or send the context in a Link header.")

  public static let all: [Rule] = [
    missingID, idNotURI, missingType, attributeType, attributeNotObject, propertyValue, relationshipObject,
    geoPropertyValue, languageMap, vocab, valueList, objectList, json, dateTime, datasetIDNotURI, datasetIDDuplicate,
    unitCode, attributeName, reservedName, contextMissing,
  ]
}
