import RenkeiCore

/// Comparison rules shared by the subset and exact body checks. Numbers compare by value (1 and
/// 1.0 are the same answer); strings, booleans and null exactly.
enum JSONMatching {
  static func scalarsEqual(_ a: JSONTree, _ b: JSONTree) -> Bool {
    if case .number(let x) = a, case .number(let y) = b {
      if x == y { return true }
      if let i = Int64(x), let j = Int64(y) { return i == j }
      guard let p = Double(x), let q = Double(y) else { return false }
      return p == q
    }
    return a == b
  }

  /// Where `expected` first differs from `actual` under subset rules (every expected member or
  /// element present; arrays unordered, each expected element matching a different actual
  /// element), or nil. On success `matched` receives the actual pointers of every expected leaf.
  static func subsetMismatch(
    _ expected: JSONTree, _ actual: JSONTree, at pointer: String, matched: inout [String]
  ) -> (pointer: String, expected: String, actual: String)? {
    switch (expected, actual) {
    case (.object(let wanted), .object(let got)):
      if wanted.isEmpty { matched.append(pointer) }
      for (key, value) in wanted {
        let child = pointer + "/" + escape(key)
        guard let found = got.first(where: { $0.0 == key })?.1 else {
          return (child, value.text(), "no member \(key)")
        }
        if let mismatch = subsetMismatch(value, found, at: child, matched: &matched) { return mismatch }
      }
      return nil
    case (.array(let wanted), .array(let got)):
      if wanted.isEmpty { matched.append(pointer) }
      var used = Set<Int>()
      for (number, element) in wanted.enumerated() {
        var found = false
        for (index, candidate) in got.enumerated() where !used.contains(index) {
          var scratch: [String] = []
          if subsetMismatch(element, candidate, at: pointer + "/\(index)", matched: &scratch) == nil {
            used.insert(index)
            matched += scratch
            found = true
            break
          }
        }
        if !found {
          return (
            pointer + "/\(number)", element.text(), "no matching element in \(ObservedResponse.clip(actual.text()))"
          )
        }
      }
      return nil
    default:
      if scalarsEqual(expected, actual) {
        matched.append(pointer)
        return nil
      }
      return (pointer, expected.text(), actual.text())
    }
  }

  /// Where two values differ under exact rules (member order ignored, `ignore` names skipped at any
  /// depth, arrays in order unless `unordered`), or nil.
  static func exactMismatch(
    _ expected: JSONTree, _ actual: JSONTree, at pointer: String, ignore: Set<String>, unordered: Bool
  ) -> (pointer: String, expected: String, actual: String)? {
    switch (expected, actual) {
    case (.object(let wanted), .object(let got)):
      let wantedKeys = wanted.map(\.0).filter { !ignore.contains($0) }
      let gotKeys = got.map(\.0).filter { !ignore.contains($0) }
      for key in gotKeys where !wantedKeys.contains(key) {
        return (pointer + "/" + escape(key), "no member \(key)", got.first { $0.0 == key }!.1.text())
      }
      for key in wantedKeys {
        let child = pointer + "/" + escape(key)
        let value = wanted.first { $0.0 == key }!.1
        guard let found = got.first(where: { $0.0 == key })?.1 else { return (child, value.text(), "no member \(key)") }
        if let mismatch = exactMismatch(value, found, at: child, ignore: ignore, unordered: unordered) {
          return mismatch
        }
      }
      return nil
    case (.array(let wanted), .array(let got)):
      guard wanted.count == got.count else {
        return (pointer, "\(wanted.count) elements", "\(got.count) elements: \(ObservedResponse.clip(actual.text()))")
      }
      if unordered {
        var used = Set<Int>()
        for (number, element) in wanted.enumerated() {
          let hit = got.indices.first { index in
            !used.contains(index)
              && exactMismatch(element, got[index], at: "", ignore: ignore, unordered: true) == nil
          }
          guard let hit else { return (pointer + "/\(number)", element.text(), "no equal element") }
          used.insert(hit)
        }
        return nil
      }
      for index in wanted.indices {
        if let mismatch = exactMismatch(
          wanted[index], got[index], at: pointer + "/\(index)", ignore: ignore, unordered: false)
        {
          return mismatch
        }
      }
      return nil
    default:
      return scalarsEqual(expected, actual) ? nil : (pointer, expected.text(), actual.text())
    }
  }

  /// Pointers of every leaf (scalar, empty container) of a value, skipping `ignore` names.
  static func leaves(of value: JSONTree, at pointer: String = "", ignore: Set<String> = []) -> [String] {
    switch value {
    case .object(let members) where !members.isEmpty:
      return members.filter { !ignore.contains($0.0) }.flatMap {
        leaves(of: $0.1, at: pointer + "/" + escape($0.0), ignore: ignore)
      }
    case .array(let elements) where !elements.isEmpty:
      return elements.indices.flatMap { leaves(of: elements[$0], at: pointer + "/\($0)", ignore: ignore) }
    default:
      return [pointer]
    }
  }

  static func escape(_ token: String) -> String {
    token.replacing("~", with: "~0").replacing("/", with: "~1")
  }
}
