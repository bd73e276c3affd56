/// `email` (JSON Schema 2020-12 Validation §7.3.2): a `Mailbox` of RFC 5321 §4.1.2 (drafts 4-7 cite the
/// `addr-spec` of RFC 5322 §3.4.1; the JSON Schema Test Suite expects the same verdicts for both). ASCII only.
/// See ``Mailbox``.
enum EmailFormat {
  static func isValid(_ value: String) -> Bool { Mailbox.isValid(value, internationalized: false) }
}
