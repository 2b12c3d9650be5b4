// What data/ says, shared by the viewer's unit and browser tests.

/** Who takes a stance on security guarantees in data/: [positive, negative] relations. */
export const SECURITY_GUARANTEES_STANCE: Record<string, [number, number]> = {
  trump: [2, 0],
  russia: [1, 0],
  zelensky: [1, 0],
  macron: [1, 0],
  'von-der-leyen': [1, 0],
  rutte: [1, 0],
  'united-kingdom': [1, 0],
  italy: [1, 0],
  germany: [1, 0],
  finland: [1, 0],
};

/** The columns of the relations table's CSV. */
export const TABLE_CSV_HEADER = [
  'id',
  'from',
  'from_id',
  'type',
  'to',
  'to_id',
  'date',
  'quotes',
  'sources',
];
