import { describe, expect, test } from 'vitest';
import { edgeSpell, toXsdTime } from '../../src/export/time.js';

describe('toXsdTime', () => {
  test('partial dates cover their whole period', () => {
    expect(toXsdTime('2025', 'start')).toEqual({ kind: 'date', value: '2025-01-01' });
    expect(toXsdTime('2025', 'end')).toEqual({ kind: 'date', value: '2025-12-31' });
    expect(toXsdTime('2025-08', 'start')?.value).toBe('2025-08-01');
    expect(toXsdTime('2025-08', 'end')?.value).toBe('2025-08-31');
    expect(toXsdTime('2024-02', 'end')?.value).toBe('2024-02-29');
    expect(toXsdTime('2025-02', 'end')?.value).toBe('2025-02-28');
    expect(toXsdTime('2025-08-18', 'end')?.value).toBe('2025-08-18');
  });

  test('date-times become valid xsd:dateTime values', () => {
    expect(toXsdTime('2025-08-18T14:30', 'start')).toEqual({
      kind: 'dateTime',
      value: '2025-08-18T14:30:00',
    });
    expect(toXsdTime('2025-08-18T14:30:05.5Z', 'start')?.value).toBe('2025-08-18T14:30:05.5Z');
    expect(toXsdTime('2025-08-18 14:30:05+0200', 'start')?.value).toBe('2025-08-18T14:30:05+02:00');
  });

  test('rejects what is not a date', () => {
    for (const bad of ['', 'soon', '2025-13', '2025-02-30', '25-08-18', '2025-8-1'])
      expect(toXsdTime(bad, 'start'), bad).toBeUndefined();
  });
});

describe('edgeSpell', () => {
  test('a date is the period it names; start/end win; open ends stay open', () => {
    expect(edgeSpell({ date: '2025-08' })).toEqual({
      start: { kind: 'date', value: '2025-08-01' },
      end: { kind: 'date', value: '2025-08-31' },
    });
    expect(edgeSpell({ date: '2020', start: '2025-08-18' })).toEqual({
      start: { kind: 'date', value: '2025-08-18' },
      end: undefined,
    });
    expect(edgeSpell({ end: '2025' })).toEqual({
      start: undefined,
      end: { kind: 'date', value: '2025-12-31' },
    });
  });

  test('no usable time, or an inverted span', () => {
    expect(edgeSpell({})).toBeUndefined();
    expect(edgeSpell({ date: 'someday' })).toBeUndefined();
    expect(edgeSpell({ start: '2026', end: '2025' })).toEqual({
      start: { kind: 'date', value: '2026-01-01' },
    });
  });
});
