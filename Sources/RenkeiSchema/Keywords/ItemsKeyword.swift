import RenkeiCore

/// The items applicators: `prefixItems` + `items` (2020-12 Core §10.3.1.1-2), `items` as a
/// schema or an array + `additionalItems` (drafts 4 to 2019-09). Positional schemas apply to
/// the first elements, `rest` to the elements after them.
final class ItemsKeyword: Keyword {
  let name: String
  let positional: [SchemaNode]
  let positionalName: String
  let rest: SchemaNode?
  let restName: String
  /// `rest` as evaluation calls it for every element, unretained (see `UnretainedNodes`).
  private let unretainedRest: Unmanaged<SchemaNode>?

  init(name: String, positional: [SchemaNode], positionalName: String, rest: SchemaNode?, restName: String) {
    self.name = name
    self.positional = positional
    self.positionalName = positionalName
    self.rest = rest
    self.restName = restName
    unretainedRest = rest.map { .passUnretained($0) }
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isArray(instance) else { return true }
    let count = view.count(instance)
    if let rest, rest.constant == false, count > positional.count {
      context.fail(
        restName, node, view.value(instance),
        "The array has \(count) elements; only \(positional.count) \(positional.count == 1 ? "is" : "are") allowed.",
        ["count": String(count), "limit": String(positional.count)])
      return false
    }
    var valid = true
    view.forEachElement(instance) { i, element in
      guard valid || context.verbose else { return }
      if i < positional.count {
        if !context.descend(positional[i], element, view, positionalName, String(i)) { valid = false }
      } else if let rest = unretainedRest {
        if !context.descend(rest, element, view, restName, String(i)) { valid = false }
      }
    }
    if valid, annotations != nil {
      if rest != nil { annotations!.allItems = true }
      annotations!.itemPrefix = max(annotations!.itemPrefix, min(positional.count, count))
    }
    return valid
  }
}

/// `contains` with `minContains` / `maxContains` (Core §10.3.1.3, Validation §6.4.4-5).
final class ContainsKeyword: Keyword {
  let name = "contains"
  let schema: SchemaNode
  let minimum: Int
  let maximum: Int?
  /// 2020-12: matched elements count as evaluated for `unevaluatedItems`.
  let annotates: Bool

  init(schema: SchemaNode, minimum: Int, maximum: Int?, annotates: Bool) {
    self.schema = schema
    self.minimum = minimum
    self.maximum = maximum
    self.annotates = annotates
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isArray(instance) else { return true }
    let mark = context.errors.count
    var matches = 0
    var matched: [Int] = []
    let collect = annotates && annotations != nil
    view.forEachElement(instance) { i, element in
      if maximum == nil && matches >= minimum && !collect { return }
      if context.descend(schema, element, view, name) {
        matches += 1
        if collect { matched.append(i) }
      }
    }
    context.discardErrors(since: mark)
    if matches < minimum {
      context.fail(
        minimum == 1 ? name : "minContains", node, view.value(instance),
        minimum == 1
          ? "No element matches the schema under \"contains\"."
          : "\(matches) elements match the schema under \"contains\"; at least \(minimum) must.",
        ["matches": String(matches), "limit": String(minimum)])
      return false
    }
    if let maximum, matches > maximum {
      context.fail(
        "maxContains", node, view.value(instance),
        "\(matches) elements match the schema under \"contains\"; at most \(maximum) may.",
        ["matches": String(matches), "limit": String(maximum)])
      return false
    }
    if collect { annotations!.itemIndices.formUnion(matched) }
    return true
  }
}

/// `uniqueItems` (Validation §6.4.3): no two elements are equal (1 equals 1.0).
final class UniqueItemsKeyword: Keyword {
  let name = "uniqueItems"

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isArray(instance), view.count(instance) > 1 else { return true }
    let elements = view.value(instance).elements
    var first: Int?
    var second: Int?
    if elements.count <= 16 {
      outer: for j in 1..<elements.count {
        for i in 0..<j where JSONSchemaEquality.equal(elements[i], elements[j]) {
          (first, second) = (i, j)
          break outer
        }
      }
    } else {
      var seen: [SchemaEquatable: Int] = [:]
      for (j, element) in elements.enumerated() {
        if let i = seen[SchemaEquatable(value: element)] {
          (first, second) = (i, j)
          break
        }
        seen[SchemaEquatable(value: element)] = j
      }
    }
    guard let first, let second else { return true }
    context.fail(
      name, node, view.value(instance), "Elements \(first) and \(second) are equal; all elements must be unique.",
      ["first": String(first), "second": String(second)])
    return false
  }
}
