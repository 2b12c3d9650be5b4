// Public library API of kg.
export * from './types.js';
export {
  compile,
  compileFiles,
  hasErrors,
  DEFAULT_COMPILE_OPTIONS,
  type CompileOptions,
  type CompileResult,
} from './compile/compile.js';
export { ProjectNotFoundError } from './compile/load-project.js';
export type { Diagnostic, Severity, Location, RelatedLocation } from './language/diagnostic.js';
export { CODES, type DiagnosticCode } from './language/codes.js';
export type { LayoutMode } from './compile/layout.js';
