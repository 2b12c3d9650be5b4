// Where the reader's source texts come from: an inline <script id="kg-sources"> (the static
// site, which works from file://), or /source-texts/<id>.json from `kg view`. The shape is
// src/sources/reader-doc.ts.
import type { ReaderDoc } from '../../src/sources/reader-doc.js';

export type { ReaderDoc };

let inline: Map<string, ReaderDoc> | null | undefined;

function isReaderDoc(v: unknown): v is ReaderDoc {
  const d = v as ReaderDoc | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.text === 'string' &&
    Array.isArray(d.paragraphs) &&
    Array.isArray(d.marks)
  );
}

function inlineDocs(): Map<string, ReaderDoc> | null {
  if (inline !== undefined) return inline;
  const text = document.getElementById('kg-sources')?.textContent?.trim();
  inline = null;
  if (text) {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    inline = new Map();
    for (const [id, doc] of Object.entries(parsed)) if (isReaderDoc(doc)) inline.set(id, doc);
  }
  return inline;
}

/** The reader document of a source, or an Error saying why there is none. */
export async function loadReaderDoc(id: string): Promise<ReaderDoc> {
  const docs = inlineDocs();
  if (docs) {
    const doc = docs.get(id);
    if (!doc) throw new Error(`no text for source '${id}' in this page`);
    return doc;
  }
  const res = await fetch(`source-texts/${encodeURIComponent(id)}.json`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`the text of source '${id}' is not available (HTTP ${res.status})`);
  const doc: unknown = await res.json();
  if (!isReaderDoc(doc)) throw new Error(`the text of source '${id}' is malformed`);
  return doc;
}
