// The queries of docs/queries.md, each with a `kg_graph: $graph` filter so tests can run them
// on a database shared with other test graphs (the docs show them without it).
export const DOC_QUERIES = {
  supporters: `
MATCH (e:Entity {kg_graph: $graph})-[r:SUPPORTS]->(:Proposal {kg_graph: $graph, id: 'security-guarantees'})
RETURN e.name AS who, r.date AS date, r.quotes AS quotes
ORDER BY who`,
  putinDemands: `
MATCH (:Person {kg_graph: $graph, id: 'putin'})-[:DEMANDS]->(demand:Proposal)
OPTIONAL MATCH (x:Entity)-[:REJECTS|OPPOSES]->(demand)
RETURN demand.name AS demand, collect(x.name) AS rejected_by
ORDER BY demand`,
  meetings: `
MATCH (a:Entity {kg_graph: $graph})-[m:MET]-(b:Entity)
WHERE a.id < b.id
RETURN a.name AS a, b.name AS b, m.date AS date
ORDER BY date, a, b`,
  trumpSaid: `
MATCH (s:Entity {kg_graph: $graph})-[r]->(o:Entity)
WHERE r.quotes IS NOT NULL AND (s.id = 'trump' OR r.reported_by = 'trump')
UNWIND r.quotes AS quote
RETURN s.name AS subject, type(r) AS relation, o.name AS about, quote
ORDER BY relation, about, subject, quote`,
  shortestPath: `
MATCH p = allShortestPaths(
  (a:Person {kg_graph: $graph, id: 'macron'})-[*..6]-(b:Person {kg_graph: $graph, id: 'putin'}))
WHERE none(r IN relationships(p) WHERE type(r) = 'CITED_IN')
RETURN [n IN nodes(p) | n.name] AS path, [r IN relationships(p) | type(r)] AS via
ORDER BY path, via`,
  degree: `
MATCH (e:Entity {kg_graph: $graph})
RETURN e.name AS entity, e.kg_type AS type, COUNT { (e)-[]-(:Entity) } AS degree
ORDER BY degree DESC, entity
LIMIT 10`,
  singleSource: `
MATCH (:Entity {kg_graph: $graph})-[r]->(:Entity)
WHERE size(r.sources) = 1
RETURN r.sources[0] AS source, count(r) AS facts
ORDER BY facts DESC, source`,
  restated: `
MATCH (s:Entity {kg_graph: $graph})-[r]->(o:Entity)
WHERE r.evidence_count > 1
RETURN s.name AS subject, type(r) AS relation, o.name AS object, r.evidence_count AS evidence, r.quotes AS quotes
ORDER BY subject, relation, object`,
  quotesInOrder: `
MATCH (ev:Evidence {kg_graph: $graph, source: 'wh-talks'})
WHERE ev.quote IS NOT NULL
MATCH (a:Entity {kg_graph: ev.kg_graph, id: ev.from})
MATCH (b:Entity {kg_graph: ev.kg_graph, id: ev.to})
WITH ev, a.name + ' ' + ev.relation_type + ' ' + b.name AS fact
ORDER BY fact
RETURN ev.quote_start AS at, ev.quote AS quote, collect(fact) AS facts
ORDER BY at, quote`,
  stances: `
MATCH (p:Proposal {kg_graph: $graph})
OPTIONAL MATCH (s:Entity)-[:SUPPORTS]->(p)
WITH p, s.name AS supporter ORDER BY supporter
WITH p, collect(supporter) AS supporters
OPTIONAL MATCH (o:Entity)-[r:OPPOSES|REJECTS]->(p)
WITH p, supporters, o.name + ' (' + toLower(type(r)) + ')' AS opponent ORDER BY opponent
WITH p, supporters, collect(opponent) AS opponents
WHERE size(supporters) + size(opponents) > 0
RETURN p.name AS proposal, supporters, opponents
ORDER BY proposal`,
  pathWithQuotes: `
MATCH p = allShortestPaths(
  (a:Person {kg_graph: $graph, id: 'zelensky'})-[*..6]-(b:Person {kg_graph: $graph, id: 'putin'}))
WHERE none(r IN relationships(p) WHERE type(r) = 'CITED_IN')
WITH p ORDER BY [n IN nodes(p) | n.name], [r IN relationships(p) | type(r)] LIMIT 1
UNWIND range(0, length(p) - 1) AS i
WITH i, relationships(p)[i] AS r
RETURN i + 1 AS step, startNode(r).name AS subject, type(r) AS relation, endNode(r).name AS object, r.quotes AS quotes
ORDER BY step`,
} as const;
