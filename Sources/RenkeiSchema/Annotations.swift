/// What in-place applicators found evaluated, for `unevaluatedProperties` and
/// `unevaluatedItems` (Core §7.7.1.3, §11). Collected only where a schema needs it.
struct Annotations {
  var properties: Set<String> = []
  var allProperties = false
  /// Items below this index were evaluated (prefixItems, items as an array).
  var itemPrefix = 0
  var allItems = false
  /// Items matched by `contains` (2020-12).
  var itemIndices: Set<Int> = []

  mutating func merge(_ other: Annotations) {
    properties.formUnion(other.properties)
    allProperties = allProperties || other.allProperties
    itemPrefix = max(itemPrefix, other.itemPrefix)
    allItems = allItems || other.allItems
    itemIndices.formUnion(other.itemIndices)
  }

  func evaluated(property: String) -> Bool { allProperties || properties.contains(property) }
  func evaluated(item index: Int) -> Bool { allItems || index < itemPrefix || itemIndices.contains(index) }
}
