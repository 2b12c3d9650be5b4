// What the parser keeps from each YAML file: plain values with spans, and nothing
// else of the YAML AST (it is large, and resolution needs only this).
import type { PropertySpec } from '../types.js';
import type { Span } from './source-file.js';

/** A string as written, with where it was written. */
export interface Str {
  value: string;
  span: Span;
}

/** A property value as written, before it is checked against the schema. */
export type RawValue =
  | {
      kind: 'scalar';
      /** The YAML-resolved value (core schema: dates stay strings). */
      value: string | number | boolean | null;
      /** The scalar's text as written (unquoted). */
      text: string;
      quoted: boolean;
      span: Span;
    }
  | { kind: 'list'; items: RawValue[]; span: Span }
  | { kind: 'map'; span: Span };

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
  label?: Str;
  color?: Str;
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

export interface RelationDef {
  form: RelationForm;
  id?: Str;
  from: Str;
  type: Str;
  to: Str;
  sources: Str[];
  quote?: Str;
  date?: RawValue;
  start?: RawValue;
  end?: RawValue;
  confidence?: RawValue;
  note?: Str;
  properties: RawProperty[];
  span: Span;
}

/** Everything one file contributes. */
export interface FileContribution {
  entityTypes: EntityTypeDef[];
  relationTypes: RelationTypeDef[];
  sources: SourceDef[];
  entities: EntityDef[];
  relations: RelationDef[];
}

export function emptyContribution(): FileContribution {
  return { entityTypes: [], relationTypes: [], sources: [], entities: [], relations: [] };
}
