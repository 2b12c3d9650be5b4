// Failures of writing outputs, as one line and an exit code like every other failure: a full
// disk (ENOSPC) was a stack trace and exit 70. Errors that are not about writing are left to the
// caller (a bug then still shows as one).
import { KgNeo4jError } from '../neo4j/errors.js';
import { Neo4jCsvError } from '../export/neo4j-csv-cells.js';
import { ExportOutputError } from '../export/write-output.js';
import { visible } from '../language/format-diagnostic.js';
import { EXIT, type CommandIO } from './command.js';

const WHY: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ENOTDIR: 'a path component is not a directory',
  EISDIR: 'it is a directory',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EFBIG: 'file too large',
  EPIPE: 'the reader closed the pipe',
  ENOENT: 'no such file or directory',
  EBUSY: 'resource busy',
  EXDEV: 'not on the same file system',
};

/** The exit code after printing why, or undefined when `error` is not an output failure. */
export function outputFailure(error: unknown, io: CommandIO, command: string): number | undefined {
  if (
    error instanceof KgNeo4jError ||
    error instanceof ExportOutputError ||
    error instanceof Neo4jCsvError
  ) {
    io.stderr.write(`kg ${command}: ${visible(error.message)} [${error.code}]\n`);
    return EXIT.errors;
  }
  const e = error as NodeJS.ErrnoException | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (!code || !Object.hasOwn(WHY, code)) return undefined;
  const where = typeof e?.path === 'string' ? ` ${e.path}` : '';
  io.stderr.write(
    `kg ${command}: cannot write${visible(where)}: ${WHY[code]} [${code}]; nothing was replaced\n`,
  );
  return EXIT.output;
}
