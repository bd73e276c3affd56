import RenkeiCore

/// One libyaml parser event, copied into Swift values so the composer does not deal with C
/// memory (libyaml frees an event's strings as soon as the next event is parsed).
enum YAMLEvent: Sendable, Equatable {
  /// Anchor, tag and start of a node.
  struct Properties: Sendable, Equatable {
    var anchor: String?
    /// The resolved tag ("tag:yaml.org,2002:str" for `!!str`), or nil when untagged.
    var tag: String?
    var position: SourcePosition
  }

  struct Scalar: Sendable, Equatable {
    var text: String
    var properties: Properties
    /// Plain (unquoted, not block) scalars are the only ones the core schema resolves.
    var isPlain: Bool
  }

  case streamStart
  case streamEnd
  case documentStart(SourcePosition)
  case documentEnd
  case alias(String, SourcePosition)
  case scalar(Scalar)
  case sequenceStart(Properties)
  case sequenceEnd
  case mappingStart(Properties)
  case mappingEnd
}
