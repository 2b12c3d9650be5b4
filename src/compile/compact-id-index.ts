// The fact table of the streaming export: instead of a Map from identities to entries (~150
// bytes a relation, and V8 caps a Map at 2^24 entries), an open-addressing table in typed
// arrays holding a 64-bit hash of each identity, the first statement's position (file number,
// start and end offsets) and the digest of the fact's one evidence item: 24 bytes a slot, at
// most 4/3 slots a relation, no entry cap. The rare facts with several evidence items (or an
// explicit id) keep those in a Map beside it. Two different identities with the same 64-bit
// hash would be taken for one fact; for 10 million relations the chance is about 3 in a
// million.
import type { Span } from '../language/source-file.js';
import type { FactEntry, FactIndex } from './facts.js';

/** Maps a span's file to a number and back (the stream re-reads files it no longer holds). */
export interface SpanFiles {
  indexOf(file: Span['file']): number;
  get(index: number): Span['file'];
}

const EXPLICIT = 0x80000000;
/** `digest` of a fact whose digests are in `lists` (real digests have 30 bits). */
const LISTED = 0xffffffff;
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

export class CompactIdIndex implements FactIndex {
  private capacity: number;
  private count = 0;
  private keyA: Uint32Array;
  private keyB: Uint32Array;
  /** File number + 1 (0: empty slot), with the EXPLICIT bit. */
  private fileBits: Uint32Array;
  private start: Uint32Array;
  private end: Uint32Array;
  private digest: Uint32Array;
  /** Explicit ids (edge keys) by identity. */
  private readonly keys = new Map<string, string>();
  /** Digest lists of facts with none or several evidence items, by identity. */
  private readonly lists = new Map<string, number[]>();

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
    this.digest = new Uint32Array(this.capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the typed arrays (for the docs' memory figures). */
  get bytes(): number {
    return this.capacity * 24;
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

  get(identity: string): FactEntry | undefined {
    hash(identity);
    const i = this.slot();
    const bits = this.fileBits[i]!;
    if (bits === 0) return undefined;
    const file = this.files.get((bits & ~EXPLICIT) - 1);
    const digest = this.digest[i]!;
    const entry: FactEntry = {
      span: { file, start: this.start[i]!, end: this.end[i]! },
      items: digest === LISTED ? (this.lists.get(identity) ?? []) : digest,
    };
    if ((bits & EXPLICIT) !== 0) entry.key = this.keys.get(identity);
    return entry;
  }

  set(identity: string, entry: FactEntry): void {
    if (this.count + 1 > this.capacity * MAX_LOAD) this.grow();
    hash(identity);
    const i = this.slot();
    if (this.fileBits[i] === 0) this.count++;
    this.keyA[i] = hashA;
    this.keyB[i] = hashB;
    const explicit = entry.key !== undefined;
    if (explicit) this.keys.set(identity, entry.key!);
    this.fileBits[i] =
      ((this.files.indexOf(entry.span.file) + 1) | (explicit ? EXPLICIT : 0)) >>> 0;
    this.start[i] = entry.span.start;
    this.end[i] = entry.span.end;
    const { items } = entry;
    if (typeof items === 'number') this.digest[i] = items;
    else {
      this.digest[i] = LISTED;
      this.lists.set(identity, items);
    }
  }

  private grow(): void {
    const old = {
      a: this.keyA,
      b: this.keyB,
      f: this.fileBits,
      s: this.start,
      e: this.end,
      d: this.digest,
    };
    this.capacity *= 2;
    this.keyA = new Uint32Array(this.capacity);
    this.keyB = new Uint32Array(this.capacity);
    this.fileBits = new Uint32Array(this.capacity);
    this.start = new Uint32Array(this.capacity);
    this.end = new Uint32Array(this.capacity);
    this.digest = new Uint32Array(this.capacity);
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
      this.digest[i] = old.d[j]!;
    }
  }
}
