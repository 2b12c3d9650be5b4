import { summarize } from '../../language/format-diagnostic.js';
import { EXIT, type Command } from '../command.js';
import { PROJECT_OPTIONS, PROJECT_USAGE, runCompile, seconds, UsageError } from '../run-compile.js';

export const validate: Command = {
  name: 'validate',
  summary: 'check a project and report every problem (no output files)',
  usage: `Usage: kg validate [dir] [options]

Checks every YAML file under dir (default ./data) and prints all diagnostics
with file:line:col, a code frame and a hint. Exit code 0 when there are no
errors (warnings allowed), 1 when there are errors, 2 on a usage error.

Options:
  --format text|json       diagnostics as text (stderr) or JSON (stdout)
${PROJECT_USAGE}`,
  options: { ...PROJECT_OPTIONS, format: { type: 'string' } },
  async run(args, io) {
    const format = args.values.format ?? 'text';
    if (format !== 'text' && format !== 'json') {
      io.stderr.write(`kg validate: --format must be text or json\n`);
      return EXIT.usage;
    }
    if (args.positionals.length > 1) throw new UsageError('validate takes one directory');
    const dir = args.positionals[0] ?? 'data';
    const started = performance.now();
    const { result, exit } = await runCompile(
      dir,
      args,
      io,
      { layout: 'none', emit: false },
      format === 'json',
    );
    if (exit !== undefined || !result) return exit ?? EXIT.errors;
    if (format === 'text' && args.values.quiet !== true) {
      const { counts } = result;
      io.stderr.write(
        `✓ ${dir}: ${counts.entities} entities, ${counts.relations} relations, ${result.files.length} files — ` +
          `${summarize(result.diagnostics)} (${seconds(performance.now() - started)})\n`,
      );
    }
    return EXIT.ok;
  },
};
