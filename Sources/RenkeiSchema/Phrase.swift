/// Small pieces of English shared by the keywords' messages.
enum Phrase {
  /// `Member "a" is` / `Members "a", "b" are`.
  static func members(_ names: [String]) -> String {
    let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
    return names.count == 1 ? "Member \(list) is" : "Members \(list) are"
  }
}

extension String {
  var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
