/// Writes one entity in one target representation. The serializers are value types chosen once
/// per run and called for every row on every core.
public protocol EntitySerializer: Sendable {
  /// Bytes before the first entity and after the last, for the array layout.
  var arrayOpening: [UInt8] { get }
  var arrayClosing: [UInt8] { get }
  func write(_ entity: ConvertedEntity, into out: inout [UInt8])
}

extension EntitySerializer {
  public var arrayOpening: [UInt8] { Array("[\n".utf8) }
  public var arrayClosing: [UInt8] { Array("\n]\n".utf8) }
}
