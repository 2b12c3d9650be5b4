// The reader panel: a source's text over the graph stage, every quoted passage highlighted in
// the colour of its relation's type, the chosen one scrolled into view and emphasised.
// Clicking a highlight selects its relation (or offers the choice when several relations cite
// the passage, which the highlight says); paragraphs no fact cites yet are marked. Text only
// ever becomes text nodes (the source text is data). One DOM build per opening; a 200 KB
// text is a few thousand elements.
import { append, clear, h } from '../dom.js';
import type { ViewGraph } from '../model.js';
import { loadReaderDoc, type ReaderDoc } from '../reader-data.js';
import type { Selection } from '../view-state.js';
import './reader.css';

export interface ReaderContext {
  graph(): ViewGraph;
  select(sel: Selection): void;
}

export interface ReaderFocus {
  relation: string;
  evidence?: number;
}

export interface Reader {
  /** Whether a source has a text to read (its `file:` is set). */
  hasText(source: string): boolean;
  open(source: string, focus?: ReaderFocus): Promise<void>;
  close(): void;
  /** The graph was reloaded: documents may have changed. */
  refresh(): void;
  readonly source: string | null;
}

/** One run of text with the same covering marks. */
interface Run {
  start: number;
  end: number;
  marks: number[];
}

/** Runs of a paragraph [ps, pe) given the marks overlapping it. */
function runs(ps: number, pe: number, doc: ReaderDoc, overlapping: number[]): Run[] {
  const cuts = new Set([ps, pe]);
  for (const i of overlapping) {
    const m = doc.marks[i];
    if (!m) continue;
    if (m.start > ps && m.start < pe) cuts.add(m.start);
    if (m.end > ps && m.end < pe) cuts.add(m.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Run[] = [];
  for (let k = 0; k + 1 < sorted.length; k++) {
    const start = sorted[k] ?? 0;
    const end = sorted[k + 1] ?? 0;
    const marks = overlapping.filter((i) => {
      const m = doc.marks[i];
      return m !== undefined && m.start < end && m.end > start;
    });
    out.push({ start, end, marks });
  }
  return out;
}

export function createReader(stage: HTMLElement, ctx: ReaderContext): Reader {
  const title = h('h2', { class: 'reader-title' });
  const meta = h('p', { class: 'reader-meta muted' });
  const toggle = h('input', { type: 'checkbox', checked: true, class: 'reader-uncited-toggle' });
  const close = h(
    'button',
    { type: 'button', class: 'reader-close', 'aria-label': 'Close the reader' },
    '×',
  );
  const body = h('article', { class: 'reader-text', tabindex: '0' });
  const menu = h('div', { class: 'reader-menu', role: 'menu', hidden: true });
  const panel = h(
    'section',
    { id: 'reader', class: 'reader show-uncited', 'aria-label': 'Source text', hidden: true },
    h(
      'header',
      { class: 'reader-head' },
      h('div', { class: 'reader-heading' }, title, meta),
      h('label', { class: 'reader-option' }, toggle, 'Mark paragraphs not yet encoded'),
      close,
    ),
    body,
    menu,
  );
  stage.append(panel);

  let current: { id: string; doc: ReaderDoc } | null = null;
  let focus: ReaderFocus | undefined;
  let loading = 0;

  const relationName = (key: string): string => {
    const g = ctx.graph();
    if (!g.hasEdge(key)) return key;
    const a = g.getEdgeAttributes(key);
    const [s, t] = g.extremities(key);
    const label = (n: string) => g.getNodeAttribute(n, 'label') || n;
    return `${label(s)} ${a.label || a.type} ${label(t)}`;
  };

  const hideMenu = (): void => {
    menu.hidden = true;
    clear(menu);
  };

  const emphasise = (): void => {
    let first: Element | null = null;
    for (const el of body.querySelectorAll('mark')) {
      const doc = current?.doc;
      const chosen =
        !!focus &&
        !!doc &&
        (el.getAttribute('data-marks') ?? '').split(' ').some((i) => {
          const m = doc.marks[Number(i)];
          if (!m || m.relation !== focus?.relation) return false;
          return focus.evidence === undefined || m.evidence === focus.evidence;
        });
      el.classList.toggle('chosen', chosen);
      if (chosen && !first) first = el;
    }
    first?.scrollIntoView({ block: 'center' });
  };

  const choose = (relation: string): void => {
    hideMenu();
    focus = { relation };
    emphasise();
    ctx.select({ kind: 'edge', key: relation });
  };

  const onMarkClick = (el: HTMLElement): void => {
    const doc = current?.doc;
    if (!doc) return;
    const relations = [
      ...new Set(
        (el.getAttribute('data-marks') ?? '')
          .split(' ')
          .map((i) => doc.marks[Number(i)]?.relation)
          .filter((r): r is string => !!r),
      ),
    ];
    if (relations.length === 1 && relations[0]) {
      choose(relations[0]);
      return;
    }
    clear(menu);
    append(menu, [h('p', { class: 'muted' }, `Cited by ${relations.length} relations:`)]);
    for (const r of relations) {
      const b = h('button', { type: 'button', role: 'menuitem', 'data-edge': r }, relationName(r));
      b.addEventListener('click', () => choose(r));
      menu.append(b);
    }
    const box = el.getBoundingClientRect();
    const host = panel.getBoundingClientRect();
    menu.style.left = `${Math.max(8, box.left - host.left)}px`;
    menu.style.top = `${box.bottom - host.top + 4}px`;
    menu.hidden = false;
    (menu.querySelector('button') as HTMLButtonElement | null)?.focus();
  };

  const render = (doc: ReaderDoc): void => {
    const g = ctx.graph();
    const colour = (relation: string): string =>
      g.hasEdge(relation) ? g.getEdgeAttribute(relation, 'color') || '#999' : '#999';
    clear(body);
    const frag = document.createDocumentFragment();
    let next = 0; // first mark not yet started
    let active: number[] = [];
    let uncited = 0;
    for (const [ps, pe, cited] of doc.paragraphs) {
      while (next < doc.marks.length && (doc.marks[next]?.start ?? 0) < pe) active.push(next++);
      active = active.filter((i) => (doc.marks[i]?.end ?? 0) > ps);
      const overlapping = active.filter((i) => (doc.marks[i]?.start ?? 0) < pe);
      const p = h('p', { class: cited ? 'cited' : 'uncited' });
      if (!cited) {
        uncited++;
        p.title = 'No fact cites this paragraph yet';
      }
      for (const run of runs(ps, pe, doc, overlapping)) {
        const text = doc.text.slice(run.start, run.end);
        if (!run.marks.length) {
          p.append(text);
          continue;
        }
        const relations = new Set(run.marks.map((i) => doc.marks[i]?.relation));
        const first = doc.marks[run.marks[0] ?? 0]?.relation ?? '';
        const mark = h('mark', {
          'data-marks': run.marks.join(' '),
          class: relations.size > 1 ? 'shared' : undefined,
          title: relations.size > 1 ? `Cited by ${relations.size} relations` : relationName(first),
        });
        mark.style.setProperty('--mark', colour(first));
        mark.append(text);
        p.append(mark);
        if (relations.size > 1) {
          p.append(
            h('sup', { class: 'shared-count', 'aria-hidden': 'true' }, `×${relations.size}`),
          );
        }
      }
      frag.append(p);
    }
    body.append(frag);
    const passages = new Set(doc.marks.map((m) => `${m.start}:${m.end}`)).size;
    title.textContent = doc.title;
    const cited = doc.paragraphs.length - uncited;
    meta.textContent =
      `${doc.file} · ${passages} passage${passages === 1 ? '' : 's'} quoted · ` +
      `${cited} of ${doc.paragraphs.length} paragraphs cited`;
  };

  body.addEventListener('click', (e) => {
    const mark = (e.target as Element | null)?.closest('mark');
    if (mark instanceof HTMLElement) onMarkClick(mark);
    else hideMenu();
  });
  body.addEventListener('scroll', hideMenu);
  toggle.addEventListener('change', () => panel.classList.toggle('show-uncited', toggle.checked));
  const reader: Reader = {
    hasText(source) {
      const sources = ctx.graph().getAttribute('sources');
      return Object.hasOwn(sources, source) && !!sources[source]?.file;
    },
    async open(source, f) {
      focus = f;
      hideMenu();
      panel.hidden = false;
      stage.classList.add('reading');
      if (current?.id !== source) {
        const ticket = ++loading;
        clear(body);
        const sources = ctx.graph().getAttribute('sources');
        title.textContent = (Object.hasOwn(sources, source) && sources[source]?.title) || source;
        meta.textContent = 'Loading…';
        try {
          const doc = await loadReaderDoc(source);
          if (ticket !== loading) return;
          current = { id: source, doc };
          render(doc);
        } catch (error) {
          if (ticket !== loading) return;
          current = null;
          meta.textContent = error instanceof Error ? error.message : String(error);
          return;
        }
      }
      if (focus) emphasise();
      else body.scrollTop = 0;
      close.focus({ preventScroll: true });
    },
    close() {
      loading++;
      hideMenu();
      panel.hidden = true;
      stage.classList.remove('reading');
    },
    refresh() {
      const open = current && !panel.hidden ? current.id : null;
      current = null;
      if (open) void reader.open(open, focus);
    },
    get source() {
      return panel.hidden ? null : (current?.id ?? null);
    },
  };
  close.addEventListener('click', () => reader.close());
  panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    if (!menu.hidden) hideMenu();
    else reader.close();
  });
  return reader;
}
