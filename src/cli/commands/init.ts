import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, UsageError, type Command } from '../command.js';
import { INIT_FILES } from '../init-template.js';

export const init: Command = {
  name: 'init',
  summary: 'start a new project with a small commented example',
  usage: `Usage: kg init [dir]

Creates dir (default ./data) with a commented example schema, sources,
entities and relations that validate. Refuses to write into a directory
that already contains YAML files.`,
  options: {},
  async run(args, io) {
    if (args.positionals.length > 1) throw new UsageError('init takes one directory');
    const dir = args.positionals[0] ?? 'data';
    const full = path.resolve(io.cwd, dir);
    await mkdir(full, { recursive: true });
    const existing = (await readdir(full)).filter((f) => /\.ya?ml$/i.test(f));
    if (existing.length) {
      io.stderr.write(
        `kg init: ${dir} already has YAML files (${existing.join(', ')}); nothing written\n`,
      );
      return EXIT.usage;
    }
    for (const [name, text] of Object.entries(INIT_FILES)) {
      await writeFile(path.join(full, name), text, { flag: 'wx' });
    }
    io.stdout.write(
      `✓ created ${dir}/ with ${Object.keys(INIT_FILES).join(', ')}\n` +
        `  next: kg validate ${dir}   ·   kg view ${dir}   ·   docs/language.md\n`,
    );
    return EXIT.ok;
  },
};
