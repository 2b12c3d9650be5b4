// A real editor against `kg lsp`: headless Neovim (Debian's package; `.ci/run` installs it)
// with its built-in LSP client, driven by test/lsp/nvim-e2e.lua. The assertions read what
// Neovim itself holds: its diagnostics and its buffers.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { KG_BIN } from '../helpers/cli.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/lsp-project');
const SCRIPT = path.resolve(import.meta.dirname, 'nvim-e2e.lua');

function nvimVersion(): string | undefined {
  try {
    return execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return undefined;
  }
}

const version = nvimVersion();
if (!version) {
  if (process.env.CI === 'true') throw new Error('nvim is missing: .ci/run installs neovim');
  console.warn(
    'SKIPPING the Neovim end-to-end test: nvim is not installed (apt-get install neovim)',
  );
}

const dir = mkdtempSync(path.join(tmpdir(), 'kg-nvim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface NvimResult {
  error?: string;
  diagnostics: { code: string; message: string; lnum: number; col: number; end_col: number }[];
  completion: string[];
  completed_line: string;
  diagnostics_after: number;
  renamed_line: string;
  people_buffer: string[];
  more_buffer_loaded: boolean;
}

test.skipIf(!version)(
  `${version ?? 'nvim'}: diagnostics, completion of an entity id, rename`,
  async () => {
    const project = path.join(dir, 'project');
    cpSync(FIXTURE, project, { recursive: true });
    const resultFile = path.join(dir, 'result.json');
    await new Promise<void>((resolve, reject) => {
      execFile(
        'nvim',
        ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${SCRIPT}`],
        {
          env: { ...process.env, KG_PROJECT: project, KG_BIN, KG_RESULT: resultFile },
          timeout: 90_000,
        },
        (error, _stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(),
      );
    });
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as NvimResult;
    expect(result.error).toBeUndefined();
    // kg's diagnostic, as Neovim holds it: code, message with the hint, exact columns.
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'KG108', lnum: 1, col: 14, end_col: 22 });
    expect(result.diagnostics[0]!.message).toContain("did you mean 'zelensky'?");
    // Completion proposed the Person entities matching "zel" (MET goes Person → Person).
    expect(result.completion).toEqual(['zelensky']);
    expect(result.completed_line).toBe('  - trump MET zelensky:');
    expect(result.diagnostics_after).toBe(0);
    // The rename reached the open buffer and the declaration in another file.
    expect(result.renamed_line).toBe('  - donald-trump MET zelensky:');
    expect(result.people_buffer).toContain('  - id: donald-trump');
    // The alias use `Trump` in relations/more.yaml needs no edit: Neovim never loaded it.
    expect(result.more_buffer_loaded).toBe(false);
  },
  120_000,
);
