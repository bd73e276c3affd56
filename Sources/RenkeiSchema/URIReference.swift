/// An RFC 3986 URI reference split into its five components, with reference resolution
/// (§5.2) — enough to resolve `$id` and `$ref` against base URIs, including `urn:` and `tag:`.
struct URIReference: Hashable, Sendable, CustomStringConvertible {
  var scheme: String?
  var authority: String?
  var path: String
  var query: String?
  var fragment: String?

  /// Splits `text` by the regular expression of RFC 3986 Appendix B.
  init(_ text: String) {
    var rest = Substring(text)
    if let hash = rest.firstIndex(of: "#") {
      fragment = String(rest[rest.index(after: hash)...])
      rest = rest[..<hash]
    }
    if let question = rest.firstIndex(of: "?") {
      query = String(rest[rest.index(after: question)...])
      rest = rest[..<question]
    }
    if let colon = rest.firstIndex(of: ":"), let slash = rest.firstIndex(of: "/") ?? Optional(rest.endIndex),
      colon < slash, URIReference.isScheme(rest[..<colon])
    {
      scheme = String(rest[..<colon])
      rest = rest[rest.index(after: colon)...]
    }
    if rest.hasPrefix("//") {
      let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
      let end = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
      authority = String(rest[afterSlashes..<end])
      rest = rest[end...]
    }
    path = String(rest)
  }

  init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
    self.scheme = scheme
    self.authority = authority
    self.path = path
    self.query = query
    self.fragment = fragment
  }

  static func isScheme(_ text: Substring) -> Bool {
    guard let first = text.first, first.isASCII, first.isLetter else { return false }
    return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
  }

  var description: String {
    var out = ""
    if let scheme { out += scheme + ":" }
    if let authority { out += "//" + authority }
    out += path
    if let query { out += "?" + query }
    if let fragment { out += "#" + fragment }
    return out
  }

  /// The URI without its fragment.
  var withoutFragment: URIReference {
    var copy = self
    copy.fragment = nil
    return copy
  }

  var isAbsolute: Bool { scheme != nil }

  /// RFC 3986 §5.2.2: this reference resolved against `base`.
  func resolved(against base: URIReference) -> URIReference {
    if scheme != nil {
      return URIReference(
        scheme: scheme, authority: authority, path: URIReference.removeDotSegments(path), query: query,
        fragment: fragment)
    }
    if authority != nil {
      return URIReference(
        scheme: base.scheme, authority: authority, path: URIReference.removeDotSegments(path), query: query,
        fragment: fragment)
    }
    if path.isEmpty {
      return URIReference(
        scheme: base.scheme, authority: base.authority, path: base.path, query: query ?? base.query,
        fragment: fragment)
    }
    let merged: String
    if path.hasPrefix("/") {
      merged = path
    } else if base.authority != nil && base.path.isEmpty {
      merged = "/" + path
    } else if let slash = base.path.lastIndex(of: "/") {
      merged = base.path[...slash] + path
    } else {
      merged = path
    }
    return URIReference(
      scheme: base.scheme, authority: base.authority, path: URIReference.removeDotSegments(merged), query: query,
      fragment: fragment)
  }

  /// RFC 3986 §5.2.4.
  static func removeDotSegments(_ path: String) -> String {
    guard path.contains(".") else { return path }
    var input = Substring(path)
    var output: [Substring] = []
    var absolute = false
    if input.hasPrefix("/") {
      absolute = true
    }
    let segments = input.split(separator: "/", omittingEmptySubsequences: false)
    input = ""
    var trailingSlash = false
    for (i, segment) in segments.enumerated() {
      if i == 0 && absolute { continue }
      let last = i == segments.count - 1
      switch segment {
      case ".":
        trailingSlash = last
      case "..":
        if !output.isEmpty { output.removeLast() }
        trailingSlash = last
      default:
        output.append(segment)
        trailingSlash = false
      }
    }
    var result = (absolute ? "/" : "") + output.joined(separator: "/")
    if trailingSlash && !result.hasSuffix("/") { result += "/" }
    return result
  }
}
