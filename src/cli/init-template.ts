// The starter project written by `kg init`: small, commented, and valid.

export const INIT_FILES: Record<string, string> = {
  'kg.yaml': `# The project: its id names the graph (in Neo4j and every output); the title is shown
# by the viewer, kg stats and the exports. Reference: docs/language.md
project:
  id: my-project
  title: My knowledge graph
  description: What these sources say, fact by fact.
  authors: [Your Name]
  license: CC-BY-4.0
`,
  'schema.yaml': `# The schema: which kinds of entities and relations this graph may contain.
# Reference: docs/language.md
schema:
  entities:
    Person:
      color: "#4e79a7"          # quoted: '#' starts a YAML comment
      properties:
        name: { type: string, required: true }   # shown as the label
        role: string
        member_of: { type: ref, to: Organization, edge: MEMBER_OF }  # also a relation
    Organization:
      properties:
        name: { type: string, required: true }
        founded: date           # YYYY, YYYY-MM or YYYY-MM-DD
    Proposal:
      properties:
        name: { type: string, required: true }
        status: { type: enum, values: [proposed, agreed, rejected] }
  relations:
    MET:
      from: Person
      to: Person
      symmetric: true           # "A MET B" is the same as "B MET A"
      event: true               # a meeting on another day is another meeting
    MEMBER_OF: { from: Person, to: Organization }
    SUPPORTS: { from: [Person, Organization], to: Proposal }
`,
  'sources.yaml': `# Where facts come from. Every relation should cite one.
sources:
  - id: example-article
    title: An example article
    url: https://example.org/article
    published: 2025-01-15
`,
  'entities.yaml': `# Every entity in this file comes from the example article.
defaults:
  source: example-article

entities:
  - id: ada
    type: Person
    name: Ada Example
    aliases: [Ada]              # relations may use a unique alias instead of the id
    role: Chair
    member_of: council          # a MEMBER_OF relation (see the schema)
  - id: bo
    type: Person
    name: Bo Sample
  - id: council
    type: Organization
    name: Example Council
  - id: plan-a
    type: Proposal
    name: Plan A
    status: proposed
  - id: plan-b
    type: Proposal
    name: Plan B
`,
  'relations.yaml': `# Each relation in this file cites the example article unless it says otherwise.
defaults:
  source: example-article

relations:
  # Shorthand is 'subject TYPE object'; endpoints may be unique aliases ("Ada")
  - Ada MET bo:
      date: 2025-01-14
  # Several objects: one relation each, sharing the fields
  - council SUPPORTS [plan-a, plan-b]:
      quote: 'The council backs both plans, says its chair: "we need them".'
      date: 2025-01-15
  # Full form, with a list of evidence: one relation, every source that states it
  - from: ada
    type: SUPPORTS
    to: plan-a
    evidence:
      - { quote: "Plan A is the way forward.", date: 2025-01-15 }
      - { quote: "I still back Plan A.", date: 2025-02-01, confidence: 0.9 }
`,
};
