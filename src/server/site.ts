// `kg build --site`: a self-contained static site. index.html carries the JS, the CSS and
// the graph inline, so it works from any static host and from file:// (Chromium refuses
// module scripts from file:// URLs, inline ones run). graph.json is written beside it too.
// Atomic: everything goes to a staging sibling directory swapped in as a whole (output-dir.ts).
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KgGraph } from '../types.js';
import { commitDirectory, recoverLeftovers, siblingName } from '../export/output-dir.js';
import { defaultViewerDir } from './view-server.js';

export interface SiteOptions {
  viewerDir: string;
  /** Reader documents by source id (src/sources/reader-doc.ts), inlined for the reader. */
  sourceTexts?: Record<string, unknown>;
}
export const DEFAULT_SITE_OPTIONS: SiteOptions = { viewerDir: defaultViewerDir() };

export class SiteError extends Error {
  constructor(
    readonly code: 'SITE_NO_VIEWER',
    message: string,
  ) {
    super(message);
  }
}

/** JSON safe inside <script>: no `</script>`, `<!--` or U+2028/9 can end or confuse it. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function scriptSafeCode(code: string): string {
  // Inside JS source `<\/script` means the same as `</script` in strings and regexes.
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

export async function renderSiteHtml(
  graph: KgGraph,
  options: Partial<SiteOptions> = {},
): Promise<string> {
  const { viewerDir, sourceTexts } = { ...DEFAULT_SITE_OPTIONS, ...options };
  let html: string;
  try {
    html = await readFile(path.join(viewerDir, 'index.html'), 'utf8');
  } catch {
    throw new SiteError(
      'SITE_NO_VIEWER',
      `the viewer is not built (${viewerDir}); run npm run build:viewer`,
    );
  }
  const assets = async (file: string): Promise<string> =>
    readFile(path.join(viewerDir, file.replace(/^\.\//, '')), 'utf8');
  // Replace the module <script src> and <link rel=stylesheet> with their inline contents.
  const scripts = [...html.matchAll(/<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>/g)];
  for (const m of scripts) {
    const code = scriptSafeCode(await assets(m[1] ?? ''));
    html = html.replace(m[0], () => `<script type="module">${code}</script>`);
  }
  const links = [...html.matchAll(/<link rel="stylesheet"[^>]*\shref="([^"]+)"[^>]*>/g)];
  for (const m of links) {
    const css = (await assets(m[1] ?? '')).replace(/<\/(style)/gi, '<\\/$1');
    html = html.replace(m[0], () => `<style>${css}</style>`);
  }
  let data = `<script id="kg-graph" type="application/json">${scriptSafeJson(graph.export())}</script>`;
  if (sourceTexts && Object.keys(sourceTexts).length) {
    data += `\n<script id="kg-sources" type="application/json">${scriptSafeJson(sourceTexts)}</script>`;
  }
  // The last </body>: the inlined JS may itself contain the string.
  const at = html.lastIndexOf('</body>');
  return at < 0 ? `${html}${data}\n` : `${html.slice(0, at)}${data}\n${html.slice(at)}`;
}

export async function writeSite(
  graph: KgGraph,
  outDir: string,
  options: Partial<SiteOptions> = {},
): Promise<string[]> {
  const html = await renderSiteHtml(graph, options);
  const target = path.resolve(outDir);
  await recoverLeftovers(target);
  const created = await mkdir(path.dirname(target), { recursive: true });
  const temp = siblingName(target, 'tmp');
  await mkdir(temp);
  try {
    await writeFile(path.join(temp, 'index.html'), html);
    await writeFile(path.join(temp, 'graph.json'), `${JSON.stringify(graph.export())}\n`);
    await commitDirectory(temp, target, ['index.html', 'graph.json']);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (created) await rm(created, { recursive: true, force: true });
    throw error;
  }
  return (await readdir(target)).sort().map((f) => path.join(target, f));
}
