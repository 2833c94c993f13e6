/**
 * Reproducible PDF bytes for workshop packs ("same inputs, same zip bytes").
 * Chromium writes the print time as CreationDate/ModDate, and numbers the
 * tag tree's ids (`node00000075`) by how many documents the browser printed
 * before, or alongside. Both are rewritten in place with strings of the same length, so
 * every byte offset (and the xref table) stays valid.
 */

/** The date written instead: SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else 2000-01-01. */
function fixedDate(): string {
  const epoch = Number.parseInt(process.env.SOURCE_DATE_EPOCH ?? '', 10);
  const d = new Date(Number.isInteger(epoch) ? epoch * 1000 : Date.UTC(2000, 0, 1));
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}+00'00'`;
}

/** Rewrite dates and tag ids of a printed PDF so the same document gives the same bytes. */
export function reproducible(bytes: Uint8Array): Uint8Array {
  let text = Buffer.from(bytes).toString('latin1');
  const date = fixedDate();
  text = text.replace(/\/(CreationDate|ModDate) \(D:\d{14}[^)]{0,7}\)/g, (m, key: string) => {
    const value = `/${key} (${date})`;
    return value.length === m.length ? value : m;
  });
  // Ids become their rank (1, 2, …): the order is kept (the id name tree is sorted), and
  // so is the result when two documents printing at once took turns drawing ids.
  const ids = [...new Set([...text.matchAll(/node(\d{8})/g)].map((m) => m[1]!))].sort();
  const rank = new Map(ids.map((id, i) => [id, String(i + 1).padStart(8, '0')]));
  text = text.replace(/node(\d{8})/g, (_, n: string) => `node${rank.get(n)}`);
  return Buffer.from(text, 'latin1');
}
