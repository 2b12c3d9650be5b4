// Search with suggestions over entity names and aliases: an ARIA combobox whose
// options are built with text nodes. Ranking and typo tolerance live in search-rank.ts.
import { clear, h } from '../dom.js';
import type { ViewGraph } from '../model.js';
import { fold, matchScore } from '../search-rank.js';

export { fold };

interface Entry {
  key: string;
  label: string;
  alias: string | null;
  folded: string;
}

export interface SearchHandle {
  rebuild(graph: ViewGraph): void;
  clear(): void;
}

export function createSearch(
  input: HTMLInputElement,
  list: HTMLUListElement,
  getGraph: () => ViewGraph,
  onChoose: (node: string) => void,
): SearchHandle {
  let index: Entry[] = [];
  let results: Entry[] = [];
  let active = -1;

  let indexed: ViewGraph | null = null;
  const rebuild = (graph: ViewGraph): void => {
    indexed = graph;
    index = [];
    graph.forEachNode((key, a) => {
      const label = a.label || key;
      index.push({ key, label, alias: null, folded: fold(label) });
      for (const alias of a.aliases ?? []) index.push({ key, label, alias, folded: fold(alias) });
    });
  };

  const close = (): void => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const paint = (): void => {
    clear(list);
    results.forEach((r, i) => {
      const a = getGraph().getNodeAttributes(r.key);
      const dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
      dot.style.background = a.color;
      const li = h(
        'li',
        {
          id: `${list.id}-${i}`,
          role: 'option',
          'aria-selected': i === active ? 'true' : 'false',
          'data-node': r.key,
        },
        dot,
        h('span', { class: 'name' }, r.label),
        r.alias ? h('span', { class: 'alias' }, r.alias) : null,
        h('span', { class: 'type' }, a.type),
      );
      li.addEventListener('mousedown', (e) => {
        e.preventDefault(); // keep focus in the input until we choose
        choose(i);
      });
      list.append(li);
    });
    if (!results.length && input.value.trim()) {
      list.append(h('li', { class: 'empty', role: 'presentation' }, 'No match'));
    }
    list.hidden = !input.value.trim();
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };

  const query = (): void => {
    const q = fold(input.value);
    if (getGraph() !== indexed) rebuild(getGraph());
    if (!q) {
      results = [];
      close();
      return;
    }
    const seen = new Set<string>();
    const scored: { e: Entry; score: number }[] = [];
    for (const e of index) {
      const score = matchScore(q, e.folded);
      if (score !== null) scored.push({ e, score: score + (e.alias ? 0.5 : 0) });
    }
    // Equally close: the shorter name is the closer match ("Zelensky" before a long title).
    scored.sort(
      (a, b) =>
        a.score - b.score ||
        a.e.folded.length - b.e.folded.length ||
        a.e.label.localeCompare(b.e.label),
    );
    results = [];
    for (const { e } of scored) {
      if (seen.has(e.key)) continue;
      seen.add(e.key);
      results.push(e);
      if (results.length >= 8) break;
    }
    active = results.length ? 0 : -1;
    paint();
  };

  const choose = (i: number): void => {
    const r = results[i];
    if (!r) return;
    input.value = r.label;
    close();
    onChoose(r.key);
  };

  input.addEventListener('input', query);
  input.addEventListener('focus', () => {
    if (input.value.trim()) query();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!results.length) return;
      e.preventDefault();
      const d = e.key === 'ArrowDown' ? 1 : -1;
      active = (active + d + results.length) % results.length;
      paint();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(active >= 0 ? active : 0);
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.stopPropagation();
        close();
      } else {
        input.blur();
      }
    }
  });

  return {
    rebuild,
    clear: () => {
      input.value = '';
      results = [];
      close();
    },
  };
}
