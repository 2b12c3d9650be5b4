// Saving a Blob as a file from the page, and a file-name stem from the graph's name.
import type { ViewGraph } from './model.js';

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function fileStem(graph: ViewGraph): string {
  return (String(graph.getAttribute('name') || 'graph').replace(/[^\w.-]+/g, '-') || 'graph').slice(
    0,
    60,
  );
}
