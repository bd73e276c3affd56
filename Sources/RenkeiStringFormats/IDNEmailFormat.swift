/// `idn-email` (JSON Schema 2020-12 Validation §7.3.2): an internationalized `Mailbox` of RFC 6531 §3.3, which
/// admits any non-ASCII character in the local part (`atext =/ UTF8-non-ascii`, `qtextSMTP =/ UTF8-non-ascii`)
/// and U-labels in the domain. See ``Mailbox``.
enum IDNEmailFormat {
  static func isValid(_ value: String) -> Bool { Mailbox.isValid(value, internationalized: true) }
}
