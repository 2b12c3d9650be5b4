// A writable stream that keeps what is written, posing as a terminal or a pipe.
import { Writable } from 'node:stream';

export function captureStream(isTTY: boolean): {
  s: Writable & { isTTY: boolean };
  text: () => string;
} {
  let text = '';
  const s = Object.assign(
    new Writable({
      write(chunk, _enc, cb) {
        text += String(chunk);
        cb();
      },
    }),
    { isTTY },
  );
  return { s, text: () => text };
}
