// The data-error overlay shown by `kg view` when a saved file no longer compiles;
// the last good graph stays on screen underneath.
import { append, clear, h } from '../dom.js';
import type { WireDiagnostic } from '../load.js';

/** A hint's `quoted` fixes as code, the rest as text. */
function withCode(hint: string): (string | HTMLElement)[] {
  return hint.split('`').map((part, i) => (i % 2 ? h('code', {}, part) : part));
}

export function showErrors(overlay: HTMLElement, diagnostics: WireDiagnostic[]): void {
  clear(overlay);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!errors.length) {
    overlay.hidden = true;
    return;
  }
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss' }, '×');
  close.addEventListener('click', () => {
    overlay.hidden = true;
  });
  append(overlay, [
    close,
    h(
      'h2',
      {},
      errors.length === 1 ? '1 error in the data' : `${errors.length} errors in the data`,
    ),
    h(
      'p',
      { class: 'muted' },
      'Showing the last valid graph. Fix the files and save: the page updates by itself.',
    ),
    h(
      'ol',
      {},
      ...errors
        .slice(0, 50)
        .map((d) =>
          h(
            'li',
            {},
            h('code', { class: 'loc' }, `${d.file}:${d.line}:${d.column}`),
            ' ',
            h('span', { class: 'code' }, d.code),
            h('div', { class: 'msg' }, d.message),
            d.hint ? h('div', { class: 'hint' }, ...withCode(d.hint)) : null,
          ),
        ),
    ),
    errors.length > 50 ? h('p', {}, `… and ${errors.length - 50} more.`) : null,
  ]);
  overlay.hidden = false;
}
