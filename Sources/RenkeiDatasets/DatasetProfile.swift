import RenkeiCore

/// A Japanese standard dataset as `profiles/datasets/<name>.yaml` describes it: its columns in
/// order, each with a value type, whether it is required or unique, and the clause it comes from.
public struct DatasetProfile: Sendable {
  /// The type of a column's values, which decides the checks its cells get.
  public enum ColumnType: String, Sendable, CaseIterable {
    /// Short text: names, addresses (checked for full-width digits only).
    case string
    /// Free text (not checked).
    case text
    /// 全国地方公共団体コード.
    case lgcode
    case latitude
    case longitude
    case date
    case time
    case weekdays
    case phone
    case kana
    case url
    case integer
    case number
    /// 法人番号.
    case corporateNumber = "corporate_number"
    /// 有 / 無.
    case presence
  }

  public struct Column: Sendable {
    public var name: String
    public var type: ColumnType
    public var required: Bool
    public var unique: Bool
    /// For `lgcode`: whether the code must be in the list (false for made-up codes of test data).
    public var listed: Bool
    public var spec: String

    public init(
      name: String, type: ColumnType, required: Bool = false, unique: Bool = false, listed: Bool = true,
      spec: String = ""
    ) {
      self.name = name
      self.type = type
      self.required = required
      self.unique = unique
      self.listed = listed
      self.spec = spec
    }
  }

  public struct Source: Sendable {
    public var document: String
    public var url: String?
    public var date: String?
    public var license: String?
  }

  public var name: String
  public var title: String
  public var edition: String
  /// The file name pattern, e.g. `{code}_aed.csv`.
  public var fileName: String
  /// Only the first columns of the dataset are known: columns beyond them are not reported.
  public var partial: Bool
  public var sources: [Source]
  public var columns: [Column]

  public init(
    name: String, title: String, edition: String = "", fileName: String = "", partial: Bool = false,
    sources: [Source] = [], columns: [Column]
  ) {
    self.name = name
    self.title = title
    self.edition = edition
    self.fileName = fileName
    self.partial = partial
    self.sources = sources
    self.columns = columns
  }

  /// A profile problem, with the file it came from.
  public struct LoadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }
  }

  /// Reads a profile from its YAML (or JSON) document.
  public init(_ root: JSONValue, file: String) throws(LoadError) {
    func text(_ value: JSONValue?, _ key: String, required: Bool = true) throws(LoadError) -> String {
      guard let value = value?[key] else {
        if required { throw LoadError(file: file, reason: "\"\(key)\" is missing") }
        return ""
      }
      guard let string = value.string else { throw LoadError(file: file, reason: "\"\(key)\" is not a string") }
      return string
    }
    guard root.kind == .object else { throw LoadError(file: file, reason: "not a mapping") }
    name = try text(root, "name")
    title = try text(root, "title")
    edition = try text(root, "edition", required: false)
    fileName = try text(root, "fileName", required: false)
    partial = root["partial"]?.bool ?? false
    sources = []
    for source in root["sources"]?.elements ?? [] {
      sources.append(
        Source(
          document: source["document"]?.string ?? "", url: source["url"]?.string, date: source["date"]?.string,
          license: source["license"]?.string))
    }
    guard let list = root["columns"], list.kind == .array, list.count > 0 else {
      throw LoadError(file: file, reason: "\"columns\" must be a non-empty list")
    }
    columns = []
    for (index, item) in list.elements.enumerated() {
      guard let name = item["name"]?.string, !name.isEmpty else {
        throw LoadError(file: file, reason: "column \(index + 1) has no name")
      }
      let typeName = item["type"]?.string ?? "string"
      guard let type = ColumnType(rawValue: typeName) else {
        throw LoadError(
          file: file,
          reason:
            "column \(name): unknown type \(typeName) (use \(ColumnType.allCases.map(\.rawValue).joined(separator: ", ")))"
        )
      }
      columns.append(
        Column(
          name: name, type: type, required: item["required"]?.bool ?? false, unique: item["unique"]?.bool ?? false,
          listed: item["listed"]?.bool ?? true, spec: item["spec"]?.string ?? ""))
    }
  }

  /// The citation findings use: the first source's document.
  public var specReference: SpecReference {
    SpecReference(document: "\(title) (\(edition))", clause: "", url: sources.first?.url)
  }
}
