/// The string formats of JSON Schema (2020-12 Validation §7.3; drafts 4 to 2019-09 define subsets of them),
/// each checked as a format *assertion*: `isValid` answers whether a string conforms to the RFC grammar that the
/// specification names for the format.
///
/// Every draft from 4 to 2020-12 expects the same verdict for every format it defines, so the validators take no
/// draft parameter. Which formats a draft defines is the caller's concern (for example, `uri-reference` first
/// appears in draft 6, `idn-hostname` and `regex` in draft 7, `duration` and `uuid` in 2019-09).
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

  /// Whether `value` is valid for this format.
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
    case .relativeJSONPointer: return RelativeJSONPointerFormat.isValid(value)
    case .regex: return RegexFormat.isValid(value)
    }
  }
}

/// Format lookup by name.
public enum StringFormats {
  /// Validates `value` against the format called `name`: `true` or `false` for a known format, `nil` for a name
  /// that is not a known format (JSON Schema ignores unknown formats; they are never "invalid").
  public static func validate(_ value: String, format name: String) -> Bool? {
    StringFormat(rawValue: name)?.isValid(value)
  }
}
