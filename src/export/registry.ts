// Every file export format, one line each; `kg build` and `kg export` look formats up here.
import type { Exporter } from './exporter.js';
import { csv } from './csv.js';
import { cypher } from './cypher.js';
import { gexf } from './gexf.js';
import { graphml } from './graphml.js';
import { json } from './json.js';
import { neo4jCsv } from './neo4j-csv.js';

export type Format = 'gexf' | 'graphml' | 'json' | 'csv' | 'cypher' | 'neo4j-csv';

export const EXPORTERS = {
  gexf,
  graphml,
  json,
  csv,
  cypher,
  'neo4j-csv': neo4jCsv,
} satisfies Record<Format, Exporter>;

export const FORMATS = Object.keys(EXPORTERS) as Format[];

export function isFormat(s: string): s is Format {
  return Object.prototype.hasOwnProperty.call(EXPORTERS, s);
}
