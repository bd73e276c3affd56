/// The string formats of JSON Schema (2020-12 Validation §7.3; drafts 4 to 2019-09 define subsets of them),
/// each checked as a format *assertion*: `isValid` answers whether a string conforms to the RFC grammar that the
/// specification names for the format.
///
/// Where older drafts cite an older reference, the validators apply the newer one for every draft, as the JSON
/// Schema Test Suite does: `hostname` follows RFC 1123 (drafts 4-7 cite RFC 1034, which forbids a leading
/// digit) and `email` the `Mailbox` of RFC 5321 (drafts 4-7 cite the `addr-spec` of RFC 5322, which also admits
/// comments, folding white space and obsolete forms, and whose §3.4.1 defers the domain's syntax to RFC 5321).
/// The one verdict kept per draft is the Relative JSON Pointer's index manipulation ("0+1/a"), new in 2020-12:
/// ``isValid(_:)`` follows 2020-12, ``isValid(_:draft:)`` a given draft. ``introducedIn`` tells which formats a
/// draft defines.
public enum StringFormat: String, CaseIterable, Sendable {
  case dateTime = "date-time"
  case date
  case time
  case duration
  case email
  case idnEmail = "idn-email"
  case hostname
  case idnHostname = "idn-hostname"
  case ipv4
  case ipv6
  case uri
  case uriReference = "uri-reference"
  case iri
  case iriReference = "iri-reference"
  case uriTemplate = "uri-template"
  case uuid
  case jsonPointer = "json-pointer"
  case relativeJSONPointer = "relative-json-pointer"
  case regex

  /// A JSON Schema draft, for the formats it defines and the rare verdicts that depend on it.
  public enum Draft: Int, CaseIterable, Comparable, Sendable {
    case draft4 = 4
    case draft6 = 6
    case draft7 = 7
    case draft2019_09 = 2019
    case draft2020_12 = 2020

    public static func < (lhs: Draft, rhs: Draft) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// The first draft whose Validation specification defines this format; earlier drafts treat its name as an
  /// unknown format.
  public var introducedIn: Draft {
    switch self {
    case .dateTime, .email, .hostname, .ipv4, .ipv6, .uri: return .draft4
    case .uriReference, .uriTemplate, .jsonPointer: return .draft6
    case .date, .time, .idnEmail, .idnHostname, .iri, .iriReference, .relativeJSONPointer, .regex: return .draft7
    case .duration, .uuid: return .draft2019_09
    }
  }

  /// Whether `value` is valid for this format as `draft` defines it. Only `relative-json-pointer` differs: before
  /// 2020-12 it has no index manipulation (draft-handrews-relative-json-pointer-01 and -02).
  public func isValid(_ value: String, draft: Draft) -> Bool {
    if self == .relativeJSONPointer {
      return RelativeJSONPointerFormat.isValid(value, allowsIndexManipulation: draft >= .draft2020_12)
    }
    return isValid(value)
  }

  /// Whether `value` is valid for this format, as JSON Schema 2020-12 defines it.
  public func isValid(_ value: String) -> Bool {
    switch self {
    case .dateTime: return DateTimeFormat.isValid(value)
    case .date: return DateFormat.isValid(value)
    case .time: return TimeFormat.isValid(value)
    case .duration: return DurationFormat.isValid(value)
    case .email: return EmailFormat.isValid(value)
    case .idnEmail: return IDNEmailFormat.isValid(value)
    case .hostname: return HostnameFormat.isValid(value)
    case .idnHostname: return IDNHostnameFormat.isValid(value)
    case .ipv4: return IPv4Format.isValid(value)
    case .ipv6: return IPv6Format.isValid(value)
    case .uri: return URIFormat.isValid(value)
    case .uriReference: return URIReferenceFormat.isValid(value)
    case .iri: return IRIFormat.isValid(value)
    case .iriReference: return IRIReferenceFormat.isValid(value)
    case .uriTemplate: return URITemplateFormat.isValid(value)
    case .uuid: return UUIDFormat.isValid(value)
    case .jsonPointer: return JSONPointerFormat.isValid(value)
    case .relativeJSONPointer: return RelativeJSONPointerFormat.isValid(value, allowsIndexManipulation: true)
    case .regex: return RegexFormat.isValid(value)
    }
  }
}

/// Format lookup by name.
public enum StringFormats {
  /// Validates `value` against the format called `name` as JSON Schema 2020-12 defines it: `true` or `false` for
  /// a known format, `nil` for a name that is not a known format (JSON Schema ignores unknown formats; they are
  /// never "invalid").
  public static func validate(_ value: String, format name: String) -> Bool? {
    StringFormat(rawValue: name)?.isValid(value)
  }

  /// Validates `value` against the format called `name` as `draft` defines it; `nil` for a name that `draft`
  /// does not define as a format.
  public static func validate(_ value: String, format name: String, draft: StringFormat.Draft) -> Bool? {
    guard let format = StringFormat(rawValue: name), format.introducedIn <= draft else { return nil }
    return format.isValid(value, draft: draft)
  }
}
