// E-mail addresses as the mail module accepts them: one plain mailbox, nothing a parser could read as a
// second recipient, a group or a header break. Stricter than RFC 5322 on purpose (no quoted local parts,
// no comments, no domain literals); Unicode letters are allowed (RFC 6531), nodemailer encodes the domain.

// RFC 5322 atext, plus letters and digits of any script.
const ATEXT = String.raw`[\p{L}\p{N}!#$%&'*+/=?^_\x60{|}~-]`;
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?`;
const ADDRESS = String.raw`${ATEXT}+(?:\.${ATEXT}+)*@${LABEL}(?:\.${LABEL})*`;
const ADDRESS_RE = new RegExp(`^${ADDRESS}$`, "u");
// A display name without the characters that would end it or start another mailbox.
const MAILBOX_RE = new RegExp(
  String.raw`^([^<>"\\,;:@()\[\]\p{Cc}]+?)\s*<(${ADDRESS})>$`,
  "u",
);
/** RFC 5321 § 4.5.3.1.3: a path is at most 256 octets, so an address at most 254 characters. */
const ADDRESS_MAX = 254;

/** True for a single plain address (`nom@domaine.fr`): no name, no brackets, no list, no line break. */
export function isPlainAddress(value: string): boolean {
  return value.length <= ADDRESS_MAX && ADDRESS_RE.test(value);
}

/** A mailbox for `From`: `Nom <adresse>` or a plain address; undefined when it is anything else. */
export function parseMailbox(
  value: string,
): { name: string; address: string } | undefined {
  const trimmed = value.trim();
  if (isPlainAddress(trimmed)) return { name: "", address: trimmed };
  const match = MAILBOX_RE.exec(trimmed);
  if (!match || !isPlainAddress(match[2]!)) return undefined;
  return { name: match[1]!.trim(), address: match[2]! };
}
