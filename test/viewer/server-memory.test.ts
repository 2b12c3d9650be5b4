// Issue 9, defect 12: the viewer server copied the whole graph JSON for every request (300
// concurrent clients on a 4 MB graph: 204 MB → 1.2 GB, 32 of 1,914 requests timed out). The graph
// is now encoded once, when it is published, and every reply sends that one buffer.
import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ViewServer } from '../../src/server/view-server.js';

function fetchGraph(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: '/graph.json' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving /graph.json', () => {
  const server = new ViewServer({ port: 0 });
  afterEach(() => vi.restoreAllMocks());

  it('encodes the graph once, not once per request', async () => {
    const url = await server.listen();
    try {
      const json = JSON.stringify({ nodes: 'x'.repeat(4 * 1024 * 1024), edges: [] });
      server.setGraph(json);
      const from = vi.spyOn(Buffer, 'from');
      const replies = await Promise.all(Array.from({ length: 40 }, () => fetchGraph(url)));
      expect(replies.every((r) => r === json)).toBe(true);
      const copies = from.mock.calls.filter(
        ([v]) => typeof v === 'string' && v.length >= json.length,
      );
      expect(copies).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});
