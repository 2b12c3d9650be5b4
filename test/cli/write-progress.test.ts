import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressLine, rowCounter } from '../../src/cli/progress.js';
import { compile } from '../../src/compile/compile.js';
import { EXPORTERS } from '../../src/export/registry.js';
import { writeOutput } from '../../src/export/write-output.js';
import { captureStream as stream } from '../helpers/capture-stream.js';
import { REPO } from '../helpers/cli.js';

describe('rows-written progress', () => {
  it('counts rows up to the total and never past it before the end', () => {
    const out = stream(true);
    const line = progressLine({ stdout: out.s, stderr: out.s, cwd: REPO, env: {} }, false, 0);
    const rows = rowCounter(line, 3);
    for (let i = 0; i < 5; i++) rows.row(); // 5 chunks: 3 rows + header and footer
    rows.finish();
    line.done();
    expect(out.text()).toBe(
      '\r\u001b[Kkg: writing 1/3 rows…\r\u001b[Kkg: writing 2/3 rows…' +
        '\r\u001b[Kkg: writing 3/3 rows…\r\u001b[K',
    );
  });

  it('writeOutput reports one chunk per node and edge of a CSV export', async () => {
    const { graph } = await compile(path.join(REPO, 'data'), { layout: 'none' });
    const out = stream(true);
    const sink = stream(false);
    const line = progressLine({ stdout: out.s, stderr: out.s, cwd: REPO, env: {} }, false, 0);
    const total = graph.order + graph.size;
    const rows = rowCounter(line, total);
    let chunks = 0;
    await writeOutput(EXPORTERS.json, graph, '-', {
      stdout: sink.s,
      onChunk: () => {
        chunks++;
        rows.row();
      },
    });
    rows.finish();
    // JSON: a head, one chunk per node, a separator, one per edge, a tail.
    expect(chunks).toBe(total + 3);
    const shown = out.text().split('\r\u001b[K').filter(Boolean);
    expect(shown.at(-1)).toBe(
      `kg: writing ${new Intl.NumberFormat('en').format(total)}/${new Intl.NumberFormat('en').format(total)} rows…`,
    );
    expect(shown).toHaveLength(total);
  });

  it('is silent when stderr is not a terminal or --quiet', () => {
    const piped = stream(false);
    const tty = stream(true);
    for (const [s, quiet] of [
      [piped.s, false],
      [tty.s, true],
    ] as const) {
      const rows = rowCounter(
        progressLine({ stdout: s, stderr: s, cwd: REPO, env: {} }, quiet, 0),
        2,
      );
      rows.row();
      rows.finish();
    }
    expect(piped.text() + tty.text()).toBe('');
  });
});
