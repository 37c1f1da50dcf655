// The two bodies of an e-mail to a requester, built from the same parts: text/plain for every client, and
// a simple HTML version (lang="fr", no image, no remote content, no tracking, inline styles only).

/** What a body says; every string is plain text (the HTML version escapes it). */
export interface MailBodyParts {
  /** The subject, reused as the HTML document's title. */
  title: string;
  /** Paragraphs before the reply. */
  intro: string[];
  /** The reply of support, with its signature. */
  reply?: { text: string; signature?: string };
  /** After the reply. */
  outro: string[];
  link: { label: string; url: string };
  reference: string;
}

/** The text/plain body. */
export function renderText(parts: MailBodyParts): string {
  const blocks = [...parts.intro];
  if (parts.reply) {
    blocks.push(normalizeLines(parts.reply.text));
    if (parts.reply.signature) blocks.push(parts.reply.signature);
  }
  blocks.push(...parts.outro, `${parts.link.label} :\n${parts.link.url}`);
  blocks.push(`Référence de votre demande : ${parts.reference}`);
  return blocks.join("\n\n") + "\n";
}

/** The HTML body: one column, system fonts, a visible and descriptive link. */
export function renderHtml(parts: MailBodyParts): string {
  const paragraphs = (texts: string[]) =>
    texts.map((text) => `<p style="margin:0 0 16px">${escapeLines(text)}</p>`);
  const reply = parts.reply
    ? [
        `<div style="margin:0 0 16px;padding:0 0 0 12px;border-left:4px solid #000091">`,
        ...paragraphs(normalizeLines(parts.reply.text).split(/\n{2,}/)),
        ...(parts.reply.signature ? paragraphs([parts.reply.signature]) : []),
        `</div>`,
      ]
    : [];
  const url = escapeHtml(parts.link.url);
  return [
    `<!doctype html>`,
    `<html lang="fr">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(parts.title)}</title></head>`,
    `<body style="margin:0;padding:16px;background:#ffffff;color:#161616;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">`,
    `<div style="max-width:600px">`,
    ...paragraphs(parts.intro),
    ...reply,
    ...paragraphs(parts.outro),
    `<p style="margin:0 0 16px"><a href="${url}" style="color:#000091;text-decoration:underline;font-weight:bold">${escapeHtml(parts.link.label)}</a></p>`,
    `<p style="margin:0 0 16px">Si le lien ne s'ouvre pas, copiez cette adresse dans votre navigateur :<br>${url}</p>`,
    `<p style="margin:0;color:#3a3a3a">Référence de votre demande : ${escapeHtml(parts.reference)}</p>`,
    `</div>`,
    `</body>`,
    `</html>`,
  ].join("\n");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Line breaks of the reply are kept: escaped text, then <br> (never the other way round).
function escapeLines(text: string): string {
  return escapeHtml(normalizeLines(text)).replace(/\n/g, "<br>");
}

function normalizeLines(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}
