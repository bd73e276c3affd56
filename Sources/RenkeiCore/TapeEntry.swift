/// One slot of a document's tape: a flat, pre-order list of the values of a document
/// (object members as key, value, key, value ...). Scalars are byte ranges into the document's
/// storage and are decoded only when asked for; containers record where they end, so a reader
/// can skip a whole subtree in one step.
public struct TapeEntry: Sendable, Hashable {
  public enum Tag: UInt8, Sendable {
    case null, `false`, `true`, number, string, array, object
  }

  /// Flags of string and number entries.
  public struct Flags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The string's bytes still contain JSON escapes (`\n`, `\u00e9`).
    public static let escaped = Flags(rawValue: 1)
    /// The string contains an unpaired UTF-16 surrogate escape; decoding replaces it by U+FFFD.
    public static let loneSurrogate = Flags(rawValue: 2)
    /// The number has a fraction part.
    public static let fraction = Flags(rawValue: 4)
    /// The number has an exponent part.
    public static let exponent = Flags(rawValue: 8)
  }

  /// Byte offset in storage: the first content byte of a string, the first byte of a number,
  /// the bracket of a container.
  public var offset: UInt32
  /// Scalars: byte length of the content. Containers: the tape index just past the container.
  public var extent: UInt32
  /// Containers: number of elements (arrays) or members (objects).
  public var count: UInt32
  public var tag: Tag
  public var flags: Flags

  @inlinable
  public init(tag: Tag, offset: UInt32, extent: UInt32 = 0, count: UInt32 = 0, flags: Flags = []) {
    self.tag = tag
    self.offset = offset
    self.extent = extent
    self.count = count
    self.flags = flags
  }

  @inlinable public var isContainer: Bool { tag == .array || tag == .object }
}
