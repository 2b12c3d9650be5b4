// The texts of a project's sources (`file:` on a source): where each may be read from, checked
// when the source is declared (the path stays inside the project, the file exists, is small
// enough and has a known kind), then read when its quotes are checked. Source texts are not
// YAML and are never parsed as project files.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Str } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { SourceFile } from '../language/source-file.js';
import { htmlToText } from './html-text.js';

export type SourceFormat = 'text' | 'markdown' | 'html';

const FORMATS = new Map<string, SourceFormat>([
  ['.txt', 'text'],
  ['.text', 'text'],
  ['.md', 'markdown'],
  ['.markdown', 'markdown'],
  ['.html', 'html'],
  ['.htm', 'html'],
]);

export interface SourceTextOptions {
  /** The project directory: `file:` paths are relative to it and may not leave it. */
  root: string;
  /** The project directory as the user gave it (diagnostic paths start with it). */
  displayRoot: string;
  /** Files larger than this (bytes) are refused with KG042. */
  maxFileSize: number;
}

/** A source text as read: `text` is what quotes are checked against and anchors count in. */
export interface SourceText {
  id: string;
  /** The `file:` path, relative to the project, with `/` separators. */
  file: string;
  format: SourceFormat;
  text: string;
  /** For diagnostics pointing into the text (plain text and Markdown only). */
  display: SourceFile | undefined;
}

interface Declared {
  id: string;
  file: Str;
  relative: string;
  absolute: string;
  format: SourceFormat;
}

const SUPPORTED = 'a .txt, .md, .html or .htm file';

export class SourceTexts {
  private readonly declared = new Map<string, Declared>();
  private realRoot: string | undefined;

  constructor(
    private readonly sink: DiagnosticSink,
    private readonly options: SourceTextOptions,
  ) {}

  /** Checks a source's `file:` (KG040–KG043); the text is read later, by `read`. */
  declare(id: string, file: Str): void {
    if (this.declared.has(id)) return;
    const relative = this.checkPath(file);
    if (relative === undefined) return;
    const format = FORMATS.get(path.extname(relative).toLowerCase());
    if (!format) {
      this.sink.report('KG043', file, `unsupported source file '${file.value}'`, {
        value: file.value,
        hint: `a source text must be ${SUPPORTED} (save other documents as text)`,
      });
      return;
    }
    const absolute = path.resolve(this.options.root, relative);
    if (!this.checkFile(file, absolute)) return;
    this.declared.set(id, { id, file, relative, absolute, format });
  }

  /** Whether a source has a usable text file. */
  has(id: string): boolean {
    return this.declared.has(id);
  }

  /** Ids of the sources with a text, sorted. */
  ids(): string[] {
    return [...this.declared.keys()].sort();
  }

  /** The source's `file:` as declared. */
  fileOf(id: string): string | undefined {
    return this.declared.get(id)?.relative;
  }

  /** Reads and extracts a source's text, or reports KG041/KG044 and returns undefined. */
  read(id: string): SourceText | undefined {
    const d = this.declared.get(id);
    if (!d) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(d.absolute);
    } catch (error) {
      this.unreadable(d.file, error);
      return undefined;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = '\0';
    }
    if (text.includes('\0')) {
      this.sink.report('KG044', d.file, `source file '${d.file.value}' is not UTF-8 text`, {
        value: d.file.value,
        hint: 'save it as UTF-8 plain text, Markdown or HTML',
      });
      return undefined;
    }
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    const display = path.join(this.options.displayRoot, d.relative);
    const format = d.format;
    if (format === 'html') text = htmlToText(text);
    return {
      id,
      file: d.relative,
      format,
      text,
      display: format === 'html' ? undefined : { path: display, text },
    };
  }

  /** The path relative to the project, or undefined after KG040. */
  private checkPath(file: Str): string | undefined {
    const raw = file.value.trim();
    const slashed = raw.replace(/\\/g, '/');
    const outside = (why: string): undefined => {
      this.sink.report('KG040', file, `source file '${file.value}' ${why}`, {
        value: file.value,
        hint: 'put the text inside the project and give its path from the project directory, e.g. sources/article.txt',
      });
      return undefined;
    };
    if (!raw) return outside('is empty');
    if (path.posix.isAbsolute(slashed) || /^[A-Za-z]:/.test(slashed)) {
      return outside('is an absolute path');
    }
    const normal = path.posix.normalize(slashed);
    if (normal === '..' || normal.startsWith('../')) return outside('is outside the project');
    return normal;
  }

  /** The file exists inside the project (symlinks resolved) and is small enough. */
  private checkFile(file: Str, absolute: string): boolean {
    let real: string;
    try {
      // The native realpath: the JS one lstat()s every path component (2 s for 1,000 files).
      this.realRoot ??= realpathSync.native(this.options.root);
      real = realpathSync.native(absolute);
    } catch (error) {
      this.unreadable(file, error);
      return false;
    }
    const rel = path.relative(this.realRoot, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      this.sink.report('KG040', file, `source file '${file.value}' points outside the project`, {
        value: file.value,
        hint: 'it is a link to a file outside the project directory; copy the text into the project',
      });
      return false;
    }
    try {
      const info = statSync(real);
      if (!info.isFile()) {
        this.sink.report('KG041', file, `source file '${file.value}' is not a file`, {
          value: file.value,
          hint: `give the path of ${SUPPORTED}`,
        });
        return false;
      }
      if (info.size > this.options.maxFileSize) {
        this.sink.report(
          'KG042',
          file,
          `source file '${file.value}' is ${info.size} bytes, over the limit of ${this.options.maxFileSize}`,
          {
            value: String(info.size),
            hint: 'split the source into several, or raise the limit with --max-file-size',
          },
        );
        return false;
      }
    } catch (error) {
      this.unreadable(file, error);
      return false;
    }
    return true;
  }

  private unreadable(file: Str, error: unknown): void {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    this.sink.report(
      'KG041',
      file,
      missing
        ? `source file '${file.value}' does not exist`
        : `cannot read source file '${file.value}': ${(error as Error).message}`,
      {
        value: file.value,
        hint: missing
          ? `the path is relative to the project directory (${this.options.displayRoot})`
          : 'check the file’s permissions',
      },
    );
  }
}
