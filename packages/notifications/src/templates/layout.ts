/** A rendered email: the subject and both bodies, so every client shows something sensible. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value that reaches the HTML goes through this: names, reasons and tracking numbers are user input. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

export const formatMoney = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`;

/** One paragraph per line of text; the HTML is the text's paragraphs, escaped, in a plain shell. */
export function renderEmail(subject: string, paragraphs: string[]): RenderedEmail {
  const body = paragraphs.map((paragraph) => `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`).join('\n');
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:sans-serif;color:#222;max-width:560px;margin:24px auto">
<h1 style="font-size:20px">${escapeHtml(subject)}</h1>
${body}
<p style="color:#777;font-size:12px">Shopgraph</p>
</body></html>`;
  return { subject, text: `${paragraphs.join('\n\n')}\n\n-- Shopgraph\n`, html };
}
