/// A conversion mapping, as read from a YAML file under `profiles/mappings/`: how the columns of
/// a source (a CSV header, or paths in JSON and XML records) are normalized, and how each
/// attribute of the target entity is made from them. See profiles/mappings/README.md.
public struct Mapping: Sendable {
  /// The file's name without `.yaml`: what `--mapping NAME` selects.
  public var name: String
  public var title: String
  /// The Japanese standard dataset the mapping reads (e.g. `aed`), for detection and reports.
  public var dataset: String?
  /// File-name patterns (`*` matches any run of characters) that select this mapping.
  public var filePatterns: [String]
  /// The target data model in the catalogue (`renkei models list`).
  public var model: String
  /// The entity type (defaults to the model's name).
  public var entityType: String
  /// JSON-LD @context of the model's terms (NGSI-LD output adds the core context after it).
  public var context: [String]
  /// The entity id, e.g. `urn:ngsi-ld:PointOfInterest:{全国地方公共団体コード}:{ID}`.
  public var id: Template
  /// The source columns in canonical order: the header of the clean standard CSV.
  public var columns: [Column]
  public var attributes: [Attribute]
  /// Where the mapping was read from.
  public var path: String?

  public struct Column: Sendable {
    public var name: String
    /// Other labels the column is found under (old layouts, typos such as `コ―ド`).
    public var aliases: [String]
    public var type: ColumnType
    public var normalizers: [Normalizer]
    /// A row without a value here is rejected.
    public var required: Bool
    /// For JSON and XML records: where the value is (a JSON Pointer relative to the record, or
    /// an element path such as `address/city`, `@attribute`); default: the column's name.
    public var path: String?
    /// Spellings replaced after normalizing (`○` → `1`); other values pass unchanged.
    public var values: [String: String]

    public init(
      name: String, aliases: [String] = [], type: ColumnType = .text, normalizers: [Normalizer] = [],
      required: Bool = false, path: String? = nil, values: [String: String] = [:]
    ) {
      self.name = name
      self.aliases = aliases
      self.type = type
      self.normalizers = normalizers
      self.required = required
      self.path = path
      self.values = values
    }
  }

  public enum ColumnType: String, Sendable, CaseIterable {
    case text, number, integer, boolean, date, time
  }

  public struct Attribute: Sendable {
    public var name: String
    public var source: ValueSource
    public var kind: ConvertedEntity.Kind
    public var unitCode: String?
    /// The value when the source has none (its columns are empty); nil: no attribute.
    public var empty: AttributeValue?

    public init(
      name: String, source: ValueSource, kind: ConvertedEntity.Kind = .property, unitCode: String? = nil,
      empty: AttributeValue? = nil
    ) {
      self.name = name
      self.source = source
      self.kind = kind
      self.unitCode = unitCode
      self.empty = empty
    }
  }

  /// Where an attribute's value comes from.
  public indirect enum ValueSource: Sendable {
    /// The (normalized) value of a column, typed by the column's type.
    case column(String)
    case constant(AttributeValue)
    case template(Template)
    /// A column's value looked up in a table; `fallback` when it is not there (nil: a finding).
    case lookup(column: String, table: [String: AttributeValue], fallback: AttributeValue?)
    /// A column split into a list of texts.
    case split(column: String, separators: [Character])
    /// A GeoJSON Point from latitude and longitude columns.
    case point(latitude: String, longitude: String)
    /// schema.org openingHoursSpecification from 曜日, opening and closing time columns.
    case openingHours(days: String, opens: String, closes: String)
    case object([(String, ValueSource)])
    /// `then` when the condition holds, else `otherwise` (nil: no attribute).
    case when(Condition, then: ValueSource, otherwise: ValueSource?)
  }

  public struct Condition: Sendable {
    public var column: String
    /// The condition holds when the column equals one of these; when nil, when it has a value.
    public var equals: [String]?
    public var negated: Bool
  }

  public init(
    name: String, title: String = "", dataset: String? = nil, filePatterns: [String] = [], model: String,
    entityType: String? = nil, context: [String] = [], id: Template, columns: [Column], attributes: [Attribute]
  ) {
    self.name = name
    self.title = title
    self.dataset = dataset
    self.filePatterns = filePatterns
    self.model = model
    self.entityType = entityType ?? model
    self.context = context
    self.id = id
    self.columns = columns
    self.attributes = attributes
  }
}
