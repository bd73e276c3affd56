import Foundation
import RenkeiCore

/// Expands and compacts NGSI-LD terms (ETSI GS CIM 009 clause 5.5.7) with the bundled core context,
/// contexts given in a `Link` header or inline `@context`, and contexts the broker serves itself.
/// Offline by design: any other remote context URL is LdContextNotAvailable (clause 6.3.2, 504).
public final class ContextResolver: Sendable {
  public static let coreContextURL = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"

  /// Core term → IRI, with the core `@vocab`.
  let core: ActiveContext
  /// Contexts registered with the broker (served under /ngsi-ld/v1/jsonldContexts), by URL.
  let registered = LockedValue<[String: JSONTree]>([:])

  public init() {
    let document = (try? JSONTree.parse(CoreContextDocument.text)) ?? .object([])
    var context = ActiveContext()
    ContextResolver.merge(document["@context"] ?? .object([]), into: &context, protected: true)
    core = context
  }

  public var coreContextDocument: JSONTree { (try? JSONTree.parse(CoreContextDocument.text)) ?? .object([]) }

  /// Whether `url` resolves without fetching (core, registered or fetched before).
  func knows(_ url: String) -> Bool {
    Self.isCoreURL(url) || registered.value[url] != nil
  }

  /// Whether `url` names a published core context (an exact name: a lookalike is not core).
  static func isCoreURL(_ url: String) -> Bool {
    guard url.hasPrefix("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context") else { return false }
    let tail = url.dropFirst("https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context".count)
    if tail == ".jsonld" { return true }
    guard tail.hasPrefix("-v1."), tail.hasSuffix(".jsonld") else { return false }
    let version = tail.dropFirst(4).dropLast(7)
    return !version.isEmpty && version.allSatisfy { $0.isNumber || $0 == "." }
  }

  /// The active context for a request: the core context plus `context` (a URL, an inline object or an
  /// array of both), core terms protected.
  public func activeContext(_ context: JSONTree?) throws(ProblemDetails) -> ActiveContext {
    var active = core
    guard let context else { return active }
    var seen: Set<String> = []
    try add(context, to: &active, depth: 0, seen: &seen)
    active.source = context
    return active
  }

  private func add(_ context: JSONTree, to active: inout ActiveContext, depth: Int, seen: inout Set<String>)
    throws(ProblemDetails)
  {
    guard depth < 16 else { throw ProblemDetails.badRequest("@context nested too deeply") }
    switch context {
    case .null:
      break
    case .string(let url):
      if Self.isCoreURL(url) || seen.contains(url) { return }
      seen.insert(url)
      let served = registered.value
      let path = url.removingPercentEncoding ?? url
      if let document = served[url]
        ?? served.first(where: { path.hasSuffix($0.key.removingPercentEncoding ?? $0.key) })?.value
      {
        try add(document["@context"] ?? document, to: &active, depth: depth + 1, seen: &seen)
        return
      }
      guard NGSILDSyntax.isURI(url) else {
        throw ProblemDetails.badRequest("@context entry is not a URL", detail: url)
      }
      throw ProblemDetails(
        .ldContextNotAvailable, "@context could not be retrieved",
        detail: "\(url) is neither the core context nor a context served by this broker (no network access)")
    case .array(let items):
      for item in items { try add(item, to: &active, depth: depth + 1, seen: &seen) }
    case .object:
      Self.merge(context, into: &active, protected: false)
    default:
      throw ProblemDetails.badRequest("@context must be a URL, an object or an array")
    }
  }

  /// Adds the term definitions of one context object.
  static func merge(_ object: JSONTree, into active: inout ActiveContext, protected: Bool) {
    guard let members = object.members else { return }
    // Prefixes first so that compact IRIs in definitions can use prefixes defined later.
    for (key, value) in members {
      if key == "@vocab", let vocabulary = value.string {
        active.vocabulary = vocabulary
      } else if !key.hasPrefix("@"), let iri = value.string ?? value["@id"]?.string, !iri.hasPrefix("@") {
        if iri.hasSuffix("/") || iri.hasSuffix("#") || iri.hasSuffix(":") { active.prefixes[key] = iri }
      }
    }
    for (key, value) in members where !key.hasPrefix("@") {
      if active.protectedTerms.contains(key) { continue }
      guard let raw = value.string ?? value["@id"]?.string else { continue }
      if raw == "@id" || raw == "@type" { continue }
      let iri = active.expandCompactIRI(raw)
      active.terms[key] = iri
      if active.reverse[iri] == nil || !protected { active.reverse[iri] = key }
      if value["@type"]?.string == "@vocab" { active.vocabTyped.insert(key) }
      if protected { active.protectedTerms.insert(key) }
    }
  }
}

/// The terms in force for one request.
public struct ActiveContext: Sendable {
  var terms: [String: String] = [:]
  var reverse: [String: String] = [:]
  var prefixes: [String: String] = [:]
  var protectedTerms: Set<String> = []
  /// Terms whose string values are themselves terms (`@type: @vocab`).
  var vocabTyped: Set<String> = []
  var vocabulary: String?
  /// The context the client gave (echoed in ld+json answers), nil for the core context alone.
  public var source: JSONTree?

  /// The IRI of a term, compact IRI or IRI.
  public func expand(_ term: String) -> String {
    if let iri = terms[term] { return iri }
    if term.contains(":") { return expandCompactIRI(term) }
    return (vocabulary ?? "https://uri.etsi.org/ngsi-ld/default-context/") + term
  }

  func expandCompactIRI(_ text: String) -> String {
    guard let colon = text.firstIndex(of: ":") else { return text }
    let prefix = String(text[..<colon])
    let rest = text[text.index(after: colon)...]
    if rest.hasPrefix("//") { return text }
    if let base = prefixes[prefix] { return base + rest }
    return text
  }

  /// The shortest name of an IRI in this context: a term, a vocabulary-relative name or the IRI.
  public func compact(_ iri: String) -> String {
    if let term = reverse[iri] { return term }
    if let vocabulary, iri.hasPrefix(vocabulary), iri.count > vocabulary.count {
      let term = String(iri.dropFirst(vocabulary.count))
      if terms[term] == nil { return term }
    }
    let fallback = "https://uri.etsi.org/ngsi-ld/default-context/"
    if vocabulary != fallback, iri.hasPrefix(fallback), iri.count > fallback.count {
      let term = String(iri.dropFirst(fallback.count))
      if terms[term] == nil && vocabulary == nil { return term }
    }
    return iri
  }

  /// The `@context` value to put in an ld+json answer.
  public var contextValue: JSONTree {
    // The client's context as it gave it (the core context is implied, clause 5.5.7).
    guard let source else { return .string(ContextResolver.coreContextURL) }
    if case .array = source { return source }
    return .array([source])
  }

  /// The URL to put in a `Link` header for a json answer (the client's single context URL, or core).
  public var linkURL: String {
    if let url = source?.string { return url }
    if let items = source?.array, items.count == 1, let url = items[0].string { return url }
    return ContextResolver.coreContextURL
  }
}
