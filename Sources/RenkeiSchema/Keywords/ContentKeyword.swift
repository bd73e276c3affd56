import Foundation
import RenkeiCore

/// `contentEncoding` / `contentMediaType` (draft 7 Validation §8): a string holding base64 text
/// must decode, and one declared as application/json must parse. Later drafts make these
/// annotations only, so renkei asserts them for draft 7 alone.
final class ContentKeyword: Keyword {
  let name = "contentMediaType"
  let encoding: String?
  let mediaType: String

  init(encoding: String?, mediaType: String) {
    self.encoding = encoding
    self.mediaType = mediaType
  }

  override func evaluate(
    _ instance: Int, _ view: InstanceView, _ node: SchemaNode, _ context: inout EvaluationContext,
    _ annotations: inout Annotations?
  ) -> Bool {
    guard view.isString(instance) else { return true }
    let string = view.string(instance)
    var bytes = Array(string.utf8)
    if encoding?.lowercased() == "base64" {
      guard let decoded = Data(base64Encoded: string) else {
        context.fail("contentEncoding", node, view.value(instance), "The string is not valid base64.")
        return false
      }
      bytes = [UInt8](decoded)
    }
    if mediaType.lowercased() == "application/json", (try? JSONParser().parse(bytes)) == nil {
      context.fail(name, node, view.value(instance), "The content is not a valid JSON document.")
      return false
    }
    return true
  }
}
