// The relation-id index of the streaming export: instead of a Map from id strings to spans
// (~150 bytes a relation, and V8 caps a Map at 2^24 entries), an open-addressing table in typed
// arrays holding a 64-bit hash of each id and the first statement's position (file number,
// start and end offsets): 20 bytes a slot, at most 4/3 slots a relation, no entry cap.
// Two different ids with the same 64-bit hash would be reported as duplicates; for 10 million
// relations the chance is about 3 in a million.
import type { Span } from '../language/source-file.js';
import type { RelationIdIndex } from './resolve-relations.js';

/** Maps a span's file to a number and back (the stream re-reads files it no longer holds). */
export interface SpanFiles {
  indexOf(file: Span['file']): number;
  get(index: number): Span['file'];
}

const EXPLICIT = 0x80000000;
const MAX_LOAD = 0.75;

let hashA = 0;
let hashB = 0;

/** Two independent 32-bit hashes of `s` (FNV-1a and a murmur-style mix), in hashA/hashB. */
function hash(s: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  a ^= a >>> 16;
  b ^= b >>> 13;
  b = Math.imul(b, 0x5bd1e995);
  b ^= b >>> 15;
  hashA = a >>> 0;
  hashB = b >>> 0;
}

export class CompactIdIndex implements RelationIdIndex {
  private capacity: number;
  private count = 0;
  private keyA: Uint32Array;
  private keyB: Uint32Array;
  /** File number + 1 (0: empty slot), with the EXPLICIT bit. */
  private fileBits: Uint32Array;
  private start: Uint32Array;
  private end: Uint32Array;

  constructor(
    private readonly files: SpanFiles,
    initialCapacity = 1024,
  ) {
    this.capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.keyA = new Uint32Array(this.capacity);
    this.keyB = new Uint32Array(this.capacity);
    this.fileBits = new Uint32Array(this.capacity);
    this.start = new Uint32Array(this.capacity);
    this.end = new Uint32Array(this.capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table (for the docs' memory figures). */
  get bytes(): number {
    return this.capacity * 20;
  }

  /** The slot holding the current hash, or the empty slot where it belongs. */
  private slot(): number {
    const mask = this.capacity - 1;
    let i = hashA & mask;
    while (this.fileBits[i] !== 0) {
      if (this.keyA[i] === hashA && this.keyB[i] === hashB) return i;
      i = (i + 1) & mask;
    }
    return i;
  }

  get(id: string): { span: Span; explicit: boolean } | undefined {
    hash(id);
    const i = this.slot();
    const bits = this.fileBits[i]!;
    if (bits === 0) return undefined;
    const file = this.files.get((bits & ~EXPLICIT) - 1);
    return {
      span: { file, start: this.start[i]!, end: this.end[i]! },
      explicit: (bits & EXPLICIT) !== 0,
    };
  }

  set(id: string, first: { span: Span; explicit: boolean }): void {
    if (this.count + 1 > this.capacity * MAX_LOAD) this.grow();
    hash(id);
    const i = this.slot();
    if (this.fileBits[i] === 0) this.count++;
    this.keyA[i] = hashA;
    this.keyB[i] = hashB;
    this.fileBits[i] =
      ((this.files.indexOf(first.span.file) + 1) | (first.explicit ? EXPLICIT : 0)) >>> 0;
    this.start[i] = first.span.start;
    this.end[i] = first.span.end;
  }

  private grow(): void {
    const old = {
      a: this.keyA,
      b: this.keyB,
      f: this.fileBits,
      s: this.start,
      e: this.end,
    };
    this.capacity *= 2;
    this.keyA = new Uint32Array(this.capacity);
    this.keyB = new Uint32Array(this.capacity);
    this.fileBits = new Uint32Array(this.capacity);
    this.start = new Uint32Array(this.capacity);
    this.end = new Uint32Array(this.capacity);
    const mask = this.capacity - 1;
    for (let j = 0; j < old.f.length; j++) {
      if (old.f[j] === 0) continue;
      let i = old.a[j]! & mask;
      while (this.fileBits[i] !== 0) i = (i + 1) & mask;
      this.keyA[i] = old.a[j]!;
      this.keyB[i] = old.b[j]!;
      this.fileBits[i] = old.f[j]!;
      this.start[i] = old.s[j]!;
      this.end[i] = old.e[j]!;
    }
  }
}
