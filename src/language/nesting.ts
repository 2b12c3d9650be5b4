// How deep kg reads YAML: documents nested deeper than MAX_NESTING are refused (KG007) before
// any recursive reader sees them.
import { Parser, type CST } from 'yaml';

type Token = CST.Token;

/**
 * Nesting deeper than this is refused (KG007): kg files need a handful of levels, and both this
 * reader and the `yaml` composer recurse once per level (5,000 levels overflowed the stack).
 */
export const MAX_NESTING = 100;

/** Thrown by readCst for a document nested deeper than MAX_NESTING. */
export class NestingTooDeepError extends Error {
  constructor(readonly offset: number) {
    super(`nested deeper than ${MAX_NESTING} levels`);
  }
}

/**
 * The offset of the first node nested deeper than MAX_NESTING in any document of `text`, or
 * undefined. Iterative (an explicit stack): it runs before the recursive composer.
 */
export function tooDeepAt(text: string): number | undefined {
  const stack: { token: Token; depth: number }[] = [];
  const roots = [...new Parser().parse(text)].filter((t) => t.type === 'document');
  for (const doc of roots.reverse()) if (doc.value) stack.push({ token: doc.value, depth: 1 });
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { token, depth } = top;
    if (
      token.type !== 'block-map' &&
      token.type !== 'block-seq' &&
      token.type !== 'flow-collection'
    ) {
      continue;
    }
    if (depth > MAX_NESTING) return token.offset;
    // Pushed last to first, so the first too-deep node in document order is found first.
    for (let i = token.items.length - 1; i >= 0; i--) {
      const item = token.items[i] as { key?: Token | null; value?: Token };
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
    }
  }
  return undefined;
}
