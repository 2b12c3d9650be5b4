// Bytes of a YAML file → text, without silent loss. UTF-8 (with or without BOM) is the norm;
// UTF-16 with a BOM, or recognised by its zero bytes as the YAML spec describes, is decoded too
// (Windows editors save "Unicode" so; YAML processors must read it). Anything else — bytes that
// are not valid UTF-8, UTF-32, a UTF-16 file with a broken surrogate — is a KG008 problem at the
// first bad byte; the text is then decoded with U+FFFD replacements so the rest of the file can
// still be checked (nothing is written while an error stands).
import { isUtf8 } from 'node:buffer';

export interface EncodingProblem {
  /** Offset in `text` of the first character that could not be decoded. */
  offset: number;
  message: string;
  /** The offending bytes, in hex. */
  value: string;
  hint: string;
}

export interface DecodedText {
  text: string;
  problem?: EncodingProblem;
}

const SAVE_AS_UTF8 = 'save the file as UTF-8 (most editors: "Save with encoding")';

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
}

/** Byte length of the valid UTF-8 prefix (the first invalid sequence starts there). */
function validUtf8Prefix(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need > bytes.length - 1) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return i;
}

type Utf16 = 'utf-16le' | 'utf-16be';

/** UTF-16 by BOM, or by the zero bytes of ASCII text (the YAML spec's detection table). */
function utf16Kind(bytes: Uint8Array): { kind: Utf16; bom: boolean } | undefined {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  // UTF-32 BOMs start like UTF-16 ones: not UTF-16.
  if (a === 0xff && b === 0xfe && !(c === 0 && d === 0)) return { kind: 'utf-16le', bom: true };
  if (a === 0xfe && b === 0xff) return { kind: 'utf-16be', bom: true };
  if (bytes.length >= 2 && a !== 0 && b === 0 && !(c === 0 && d === 0)) {
    return { kind: 'utf-16le', bom: false };
  }
  if (bytes.length >= 2 && a === 0 && b !== 0) return { kind: 'utf-16be', bom: false };
  return undefined;
}

function isUtf32(bytes: Uint8Array): boolean {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  return (
    bytes.length >= 4 &&
    ((a === 0xff && b === 0xfe && c === 0 && d === 0) ||
      (a === 0 && b === 0 && c === 0xfe && d === 0xff) ||
      (a === 0 && b === 0 && c === 0 && d !== 0) ||
      (a !== 0 && b === 0 && c === 0 && d === 0))
  );
}

function lossyUtf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

export function decodeSource(bytes: Uint8Array): DecodedText {
  if (isUtf8(bytes)) return { text: lossyUtf8(bytes) };
  if (isUtf32(bytes)) {
    // Not parsed: read as UTF-8 it is noise, and every complaint about it would be a cascade.
    return {
      text: '',
      problem: {
        offset: 0,
        message: 'file is UTF-32, which kg does not read',
        value: hex(bytes.subarray(0, 4)),
        hint: SAVE_AS_UTF8,
      },
    };
  }
  const utf16 = utf16Kind(bytes);
  if (utf16) {
    try {
      const text = new TextDecoder(utf16.kind, { fatal: true, ignoreBOM: false }).decode(bytes);
      // The BOM is dropped by the decoder; a UTF-8 file keeps its own (the parser skips it).
      return { text: utf16.bom ? `\uFEFF${text}` : text };
    } catch {
      const text = new TextDecoder(utf16.kind).decode(bytes);
      const bad = text.indexOf('\uFFFD');
      return {
        text,
        problem: {
          offset: Math.max(0, bad),
          message: `file is ${utf16.kind.toUpperCase()} with a broken character`,
          value: utf16.kind,
          hint: SAVE_AS_UTF8,
        },
      };
    }
  }
  const at = validUtf8Prefix(bytes);
  const before = lossyUtf8(bytes.subarray(0, at));
  return {
    text: lossyUtf8(bytes),
    problem: {
      offset: before.length,
      message: 'file is not valid UTF-8',
      value: hex(bytes.subarray(at, Math.min(bytes.length, at + 4))),
      hint: `${SAVE_AS_UTF8}; kg would otherwise replace the bytes with U+FFFD`,
    },
  };
}
