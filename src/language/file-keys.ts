// The keys and name rules of kg files, shared by the parser, the resolver, the JSON Schema
// and the language server.
export const TOP_LEVEL_KEYS = [
  'project',
  'defaults',
  'schema',
  'sources',
  'entities',
  'relations',
] as const;
export const ENTITY_RESERVED_KEYS = ['id', 'type', 'aliases', 'source', 'note'] as const;
export const ENTITY_TYPE_FIELDS = ['color', 'label', 'properties', 'description'] as const;
export const RELATION_TYPE_FIELDS = [
  'from',
  'to',
  'symmetric',
  'event',
  'label',
  'color',
  'properties',
  'description',
  'polarity',
] as const;
export const SOURCE_FIELDS = [
  'id',
  'title',
  'url',
  'published',
  'publisher',
  'author',
  'note',
  'file',
] as const;

/** `__proto__` is excluded: graphology keeps each node's neighbours in a plain object. */
export const ID_PATTERN = /^(?!__proto__$)[A-Za-z0-9_.:-]+$/;

/** The hint of KG014 for an id that does not match ID_PATTERN. */
export function idHint(id: string): string {
  return id === '__proto__'
    ? "'__proto__' is reserved by the graph library kg builds on; choose another id"
    : 'ids use letters, digits and - _ . : only (no spaces)';
}
export const TYPE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
