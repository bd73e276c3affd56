/// A failure of the run itself (a missing model, an unusable schema, an unwritable report):
/// reported without the usage text, with exit code 2.
struct RuntimeError: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) { self.description = description }
}
