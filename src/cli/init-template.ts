// The starter project written by `kg init`: small, commented, and valid.

export const INIT_FILES: Record<string, string> = {
  'schema.yaml': `# The schema: which kinds of entities and relations this graph may contain.
# Reference: docs/language.md
schema:
  entities:
    Person:
      color: "#4e79a7"          # quoted: '#' starts a YAML comment
      properties:
        name: { type: string, required: true }   # shown as the label
        role: string
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
  'entities.yaml': `entities:
  - id: ada
    type: Person
    name: Ada Example
    aliases: [Ada]              # relations may use a unique alias instead of the id
    role: Chair
    source: example-article
  - id: bo
    type: Person
    name: Bo Sample
    source: example-article
  - id: council
    type: Organization
    name: Example Council
    source: example-article
  - id: plan-a
    type: Proposal
    name: Plan A
    status: proposed
    source: example-article
`,
  'relations.yaml': `relations:
  # Shorthand is 'subject TYPE object', e.g.  - ada MEMBER_OF council
  # (kg warns about relations without a source, so give it one:)
  - ada MEMBER_OF council:
      source: example-article
  # Endpoints may be unique aliases ("Ada")
  - Ada MET bo:
      source: example-article
      date: 2025-01-14
  # Full form
  - from: council
    type: SUPPORTS
    to: plan-a
    quote: "The council backs Plan A."
    source: example-article
    date: 2025-01-15
    confidence: 0.9
`,
};
