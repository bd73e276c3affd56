/// The `type` query parameter (clause 4.17): a type name, a comma-separated list (any of them), or
/// an expression with `;` (and), `|` or `,` (or) and parentheses.
indirect enum TypeSelector: Sendable {
  case name(String)
  case all([TypeSelector])
  case any([TypeSelector])

  static func parse(_ text: String, expand: (String) -> String) throws(ProblemDetails) -> TypeSelector {
    var scalars = Array(text.unicodeScalars)
    scalars.removeAll { $0 == " " }
    var at = 0
    func failure() -> ProblemDetails { ProblemDetails.badRequest("Invalid type selector", detail: text) }
    func orExpression(_ depth: Int) throws(ProblemDetails) -> TypeSelector {
      guard depth < 32 else { throw failure() }
      var terms = [try andExpression(depth)]
      while at < scalars.count, scalars[at] == "|" || scalars[at] == "," {
        at += 1
        terms.append(try andExpression(depth))
      }
      return terms.count == 1 ? terms[0] : .any(terms)
    }
    func andExpression(_ depth: Int) throws(ProblemDetails) -> TypeSelector {
      var terms = [try factor(depth)]
      while at < scalars.count, scalars[at] == ";" {
        at += 1
        terms.append(try factor(depth))
      }
      return terms.count == 1 ? terms[0] : .all(terms)
    }
    func factor(_ depth: Int) throws(ProblemDetails) -> TypeSelector {
      if at < scalars.count, scalars[at] == "(" {
        at += 1
        let inner = try orExpression(depth + 1)
        guard at < scalars.count, scalars[at] == ")" else { throw failure() }
        at += 1
        return inner
      }
      var name = ""
      while at < scalars.count, !["(", ")", ";", "|", ","].contains(scalars[at]) {
        name.unicodeScalars.append(scalars[at])
        at += 1
      }
      guard NGSILDSyntax.isValidName(name) else { throw failure() }
      return .name(expand(name))
    }
    let selector = try orExpression(0)
    guard at == scalars.count else { throw failure() }
    return selector
  }

  func matches(_ types: [String]) -> Bool {
    switch self {
    case .name(let name): return types.contains(name)
    case .all(let terms): return terms.allSatisfy { $0.matches(types) }
    case .any(let terms): return terms.contains { $0.matches(types) }
    }
  }
}
