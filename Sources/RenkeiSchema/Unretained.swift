/// Subschemas read on the evaluation hot path without reference counting: several threads
/// evaluate one compiled schema, and retaining its shared nodes on every call made their
/// reference counts bounce between the cores. The keyword that owns the nodes (through its
/// strong `schemas`) frees the list in its deinit. Unchecked: never written after init.
struct UnretainedNodes: @unchecked Sendable {
  private let nodes: UnsafeMutableBufferPointer<Unmanaged<SchemaNode>>

  init(_ schemas: [SchemaNode]) {
    nodes = .allocate(capacity: schemas.count)
    _ = nodes.initialize(from: schemas.map { Unmanaged.passUnretained($0) })
  }

  var count: Int { nodes.count }

  @inline(__always) subscript(position: Int) -> Unmanaged<SchemaNode> { nodes[position] }

  func deallocate() { nodes.deallocate() }
}
