// `kg schema [dir] --format json-schema`: a JSON Schema of the project's files, for editors
// that read JSON Schemas (the YAML extensions of VS Code and JetBrains) without `kg lsp`.
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ProjectNotFoundError } from '../../compile/load-project.js';
import { ProjectState } from '../../compile/project-state.js';
import { summarize } from '../../language/format-diagnostic.js';
import { projectJsonSchema } from '../../language/json-schema.js';
import { EXIT, UsageError, type Command } from '../command.js';

export const schema: Command = {
  name: 'schema',
  summary: 'write a JSON Schema of the project’s files (for YAML editors)',
  usage: `Usage: kg schema [dir] --format json-schema [-o file]

Writes a JSON Schema (draft-07) for the YAML files of <dir> (default: the
current directory): the language's structure with the project's own entity
and relation types, property names, value types, enum values, source ids and
(up to 2,000) entity ids. Point the YAML extension of VS Code or JetBrains at
it (see docs/editors.md). Regenerate it when the schema changes.

Options:
  --format json-schema   the output format (the only one for now; the default)
  -o, --output <file>    write to a file (atomically) instead of stdout
`,
  options: { format: { type: 'string' }, output: { type: 'string', short: 'o' } },
  async run(args, io) {
    const format = args.values.format ?? 'json-schema';
    if (format !== 'json-schema') throw new UsageError(`--format must be json-schema`);
    if (args.positionals.length > 1) throw new UsageError('schema takes one directory');
    const dir = args.positionals[0] ?? io.cwd;
    let state: ProjectState;
    try {
      state = await ProjectState.load(path.resolve(io.cwd, dir));
    } catch (error) {
      if (error instanceof ProjectNotFoundError) {
        io.stderr.write(`kg: ${error.message}\n`);
        return EXIT.usage;
      }
      throw error;
    }
    const analysis = state.analyze();
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      io.stderr.write(
        `kg schema: ${summarize(analysis.diagnostics)} in ${dir} (\`kg validate\` shows them); the schema covers what is valid\n`,
      );
    }
    const entities = [...analysis.entities.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const json = `${JSON.stringify(
      projectJsonSchema({
        name: state.name,
        schema: analysis.schema,
        sources: analysis.sources.keys(),
        entities,
      }),
      null,
      2,
    )}\n`;
    const output = args.values.output;
    if (typeof output !== 'string' || output === '-') {
      io.stdout.write(json);
      return EXIT.ok;
    }
    const target = path.resolve(io.cwd, output);
    const temp = path.join(path.dirname(target), `.kg-tmp-${path.basename(target)}-${process.pid}`);
    await writeFile(temp, json);
    await rename(temp, target);
    if (args.values.quiet !== true) io.stderr.write(`kg schema: wrote ${output}\n`);
    return EXIT.ok;
  },
};
