import RenkeiCore

/// The keywords whose value is a list of subschemas (`allOf`, `anyOf`, `oneOf`), held for
/// unretained calls.
class SubschemaListKeyword: Keyword, @unchecked Sendable {
  let schemas: [SchemaNode]
  let unretained: UnretainedNodes

  init(_ schemas: [SchemaNode]) {
    self.schemas = schemas
    unretained = UnretainedNodes(schemas)
  }

  deinit { unretained.deallocate() }
}

/// `allOf` (Core §10.2.1.1): valid against every subschema.
final class AllOfKeyword: SubschemaListKeyword {
  let name = "allOf"
  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    var valid = true
    for i in 0..<unretained.count
    where !context.descend(unretained[i], instance, view, name, String(i), annotations: &annotations) {
      valid = false
      if !context.verbose { return false }
    }
    return valid
  }
}

/// `anyOf` (Core §10.2.1.2): valid against at least one subschema. Every valid branch adds
/// its annotations, so all branches run when annotations are collected.
final class AnyOfKeyword: SubschemaListKeyword {
  let name = "anyOf"
  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    let mark = context.errors.count
    var any = false
    var branchErrors: [(alternative: Int, errors: [SchemaOutputUnit])] = []
    for i in 0..<unretained.count {
      let before = context.errors.count
      if context.descend(unretained[i], instance, view, name, String(i), annotations: &annotations) {
        any = true
        if annotations == nil { break }
      } else if context.verbose {
        branchErrors.append((i, Array(context.errors[before...])))
      }
    }
    if any {
      context.discardErrors(since: mark)
      return true
    }
    context.keepClosestBranch(since: mark, branchErrors)
    let note = context.closestNote(branchErrors)
    context.fail(
      name, node, view.value(instance), "The value matches none of the \(schemas.count) alternatives\(note).")
    return false
  }
}

/// `oneOf` (Core §10.2.1.3): valid against exactly one subschema.
final class OneOfKeyword: SubschemaListKeyword {
  let name = "oneOf"
  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    let mark = context.errors.count
    var matchCount = 0
    // The alternatives that matched, for the message (verbose only: no array on the fast path).
    var matched: [Int] = []
    var kept: Annotations? = nil
    var branchErrors: [(alternative: Int, errors: [SchemaOutputUnit])] = []
    for i in 0..<unretained.count {
      let before = context.errors.count
      var branch: Annotations? = annotations == nil ? nil : Annotations()
      if context.descend(unretained[i], instance, view, name, String(i), annotations: &branch) {
        matchCount += 1
        if context.verbose { matched.append(i) }
        kept = branch
        if matchCount > 1 && !context.verbose { break }
      } else if context.verbose {
        branchErrors.append((i, Array(context.errors[before...])))
      }
    }
    if matchCount == 1 {
      context.discardErrors(since: mark)
      if let kept, annotations != nil { annotations!.merge(kept) }
      return true
    }
    if matchCount == 0 {
      context.keepClosestBranch(since: mark, branchErrors)
      let note = context.closestNote(branchErrors)
      context.fail(
        name, node, view.value(instance),
        "The value matches none of the \(schemas.count) alternatives\(note); exactly one must match.")
    } else {
      context.discardErrors(since: mark)
      let list = matched.map(String.init).joined(separator: " and ")
      context.fail(
        name, node, view.value(instance), "The value matches alternatives \(list); exactly one must match.",
        ["matched": matched.map(String.init).joined(separator: ",")])
    }
    return false
  }
}

/// `not` (Core §10.2.1.4): invalid against the subschema.
final class NotKeyword: Keyword {
  let name = "not"
  let schema: SchemaNode

  init(_ schema: SchemaNode) { self.schema = schema }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    let mark = context.errors.count
    let inner = context.descend(schema, instance, view, name)
    context.discardErrors(since: mark)
    if inner { context.fail(name, node, view.value(instance), "The value must not match the schema under \"not\".") }
    return !inner
  }
}

/// `if` / `then` / `else` (Core §10.2.2.1-3).
final class ConditionalKeyword: Keyword {
  let name = "if"
  let condition: SchemaNode
  let then: SchemaNode?
  let otherwise: SchemaNode?

  init(condition: SchemaNode, then: SchemaNode?, otherwise: SchemaNode?) {
    self.condition = condition
    self.then = then
    self.otherwise = otherwise
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    let mark = context.errors.count
    var conditionAnnotations: Annotations? = annotations == nil ? nil : Annotations()
    let holds = context.descend(condition, instance, view, "if", annotations: &conditionAnnotations)
    context.discardErrors(since: mark)
    if holds {
      if let conditionAnnotations, annotations != nil { annotations!.merge(conditionAnnotations) }
      guard let then else { return true }
      return context.descend(then, instance, view, "then", annotations: &annotations)
    }
    guard let otherwise else { return true }
    return context.descend(otherwise, instance, view, "else", annotations: &annotations)
  }
}
