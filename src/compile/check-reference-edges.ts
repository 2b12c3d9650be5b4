// `edge: TYPE` on a `ref` property of an entity type: each value is also a relation of that
// type, so the type must exist, accept the entity type as its `from` and every type the
// property may name as its `to`, and need no properties (reference edges carry none).
import type { EntityTypeDef, RelationTypeDef } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import { didYouMean } from '../language/suggest.js';
import type { SchemaInfo } from '../types.js';
import { own } from '../util/dict.js';

export function checkReferenceEdges(
  sink: DiagnosticSink,
  schema: SchemaInfo,
  entityDefs: EntityTypeDef[],
  relationDefs: RelationTypeDef[],
): void {
  for (const def of relationDefs) {
    for (const p of def.properties) {
      if (p.spec.edge === undefined) continue;
      sink.report('KG031', p.name, `relation property '${p.name.value}' cannot be an edge`, {
        value: p.spec.edge,
        hint: 'edge: is for ref properties of entity types; remove it here',
      });
    }
  }
  for (const def of entityDefs) {
    const owner = def.name.value;
    for (const p of def.properties) {
      const edge = p.spec.edge;
      if (edge === undefined) continue;
      const name = p.name.value;
      const rel = own(schema.relations, edge);
      const report = (message: string, hint: string) =>
        sink.report('KG031', p.span, message, { value: edge, hint });
      if (!rel) {
        report(
          `'${name}' makes edges of type '${edge}', which is not a relation type`,
          didYouMean(edge, Object.keys(schema.relations)) ??
            `declare it under schema.relations, e.g. ${edge}: { from: ${owner}, to: ${p.spec.to?.join(', ') ?? '…'} }`,
        );
        continue;
      }
      if (rel.from.length && !rel.from.includes(owner)) {
        report(
          `'${name}' of ${owner} makes ${edge} edges, but ${edge} cannot start at a ${owner}`,
          `add ${owner} to the 'from' of ${edge}`,
        );
      }
      const targets = p.spec.to ?? Object.keys(schema.entities);
      const outside = targets.filter((t) => rel.to.length > 0 && !rel.to.includes(t));
      if (outside.length) {
        report(
          `'${name}' may name a ${outside.join(' or ')}, but ${edge} cannot end at one`,
          p.spec.to
            ? `add ${outside.join(', ')} to the 'to' of ${edge}, or remove it from the property's to:`
            : `limit the property with to: [${rel.to.join(', ')}]`,
        );
      }
      const required = Object.keys(rel.properties).filter((k) => rel.properties[k]?.required);
      if (required.length) {
        report(
          `${edge} requires ${required.map((r) => `'${r}'`).join(', ')}, which a reference edge cannot give`,
          `make ${required.join(', ')} optional, or use another relation type for this property`,
        );
      }
    }
  }
}
