// What the parser keeps from each YAML file: plain values with spans, and nothing
// else of the YAML AST (it is large, and resolution needs only this).
import type { PropertySpec } from '../types.js';
import type { Span } from './source-file.js';

/**
 * A string as written, and where it was written. The position is stored inline (a Str is
 * its own Span) because a large project holds millions of these: one object, not two.
 */
export interface Str extends Span {
  value: string;
}

/** A property value as written, before it is checked against the schema; its own Span too. */
export type RawValue =
  | (Span & {
      kind: 'scalar';
      /** The YAML-resolved value (core schema: dates stay strings). */
      value: string | number | boolean | null;
      /** The scalar's text as written (unquoted). */
      text: string;
      quoted: boolean;
      /** A `!!binary`, `!!timestamp`… value: refused where it was read (KG105). */
      tagged?: true;
    })
  | (Span & { kind: 'list'; items: RawValue[] })
  | (Span & { kind: 'map' });

export interface RawProperty {
  key: Str;
  value: RawValue;
}

export interface PropertyDef {
  name: Str;
  spec: PropertySpec;
  span: Span;
}

export interface EntityTypeDef {
  name: Str;
  color?: Str;
  label?: Str;
  description?: Str;
  properties: PropertyDef[];
  span: Span;
}

export interface RelationTypeDef {
  name: Str;
  from: Str[];
  to: Str[];
  symmetric: boolean;
  event: boolean;
  label?: Str;
  color?: Str;
  /** `positive | negative | neutral`: the stance the relation expresses. */
  polarity?: Str;
  description?: Str;
  properties: PropertyDef[];
  span: Span;
}

export interface SourceDef {
  id: Str;
  title?: Str;
  url?: Str;
  published?: RawValue;
  publisher?: Str;
  author?: Str;
  note?: Str;
  /** The source's text, a path inside the project (`sources/article.txt`). */
  file?: Str;
  span: Span;
}

export interface EntityDef {
  id: Str;
  type?: Str;
  aliases: Str[];
  sources: Str[];
  note?: Str;
  properties: RawProperty[];
  span: Span;
}

export type RelationForm = 'shorthand' | 'shorthand-with-properties' | 'full';

/** The evidence fields as written: a relation's flat keys, or one item of its `evidence:`. */
export interface EvidenceFields {
  /** `source: a` or `source: [a, b]` (one evidence item per source). */
  sources: Str[];
  quote?: Str;
  /** Words of the source close to the quote: picks among several occurrences of it. */
  near?: Str;
  date?: RawValue;
  start?: RawValue;
  end?: RawValue;
  confidence?: RawValue;
}

/** One item of a relation's `evidence:` list. */
export interface EvidenceDef extends EvidenceFields {
  note?: Str;
  span: Span;
}

export interface RelationDef extends EvidenceFields {
  form: RelationForm;
  id?: Str;
  /** Several endpoints on a side (`[a, b]`) mean one relation per pair. */
  from: Str[];
  type: Str;
  to: Str[];
  /** The relation's own note (not an evidence item's). */
  note?: Str;
  /** The `evidence:` list; the flat keys then give its items' defaults. */
  evidence?: EvidenceDef[];
  properties: RawProperty[];
  span: Span;
}

/** The top-level `project:` manifest. */
export interface ProjectDef {
  /** The `project` key, where a second manifest is reported. */
  key: Str;
  id?: Str;
  title?: Str;
  description?: Str;
  authors: Str[];
  license?: Str;
  span: Span;
}

/** A file's top-level `defaults:`, already checked (values are the stored forms). */
export interface FileDefaults {
  /** For the file's relations' evidence and its entities. */
  sources: Str[];
  date?: string;
  confidence?: number;
  span: Span;
}

/** Everything one file contributes. */
export interface FileContribution {
  entityTypes: EntityTypeDef[];
  relationTypes: RelationTypeDef[];
  sources: SourceDef[];
  entities: EntityDef[];
  relations: RelationDef[];
  project?: ProjectDef;
  /** This file's defaults (they apply to this file only). */
  defaults?: FileDefaults;
  /** Where the items of `relations:` are, when one can be re-parsed alone (relation-items.ts). */
  relationItems?: RelationItems;
}

/** The block list under `relations:` (offsets into the file's text). */
export interface RelationItems {
  /** The `relations` key (at column 0). */
  key: number;
  /** Each item's `-`. */
  dashes: number[];
  /** Each item's index in `relations` (of the first def at or after it, if it made none). */
  first: number[];
  /** Start of the line of the next top-level key; undefined: the list ends the file. */
  end: number | undefined;
}

export function emptyContribution(): FileContribution {
  return { entityTypes: [], relationTypes: [], sources: [], entities: [], relations: [] };
}

/** A value refused where it was read (a `!!tag`): its diagnostic is given already. */
export function isTagged(v: RawValue): boolean {
  return v.kind === 'scalar' && v.tagged === true;
}
