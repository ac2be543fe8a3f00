import { describe, expect, it } from 'vitest';
import { affectedFits, findingAuthorLabel, sortKeyOf } from '../../server/modules/findings/findings.rules.ts';
import {
  missingColumns,
  readDate,
  readHeader,
  readRow,
  readSeverity,
  readStatus,
} from '../../server/modules/findings/import/import.rules.ts';

// Issue 13 story 1: the findings' order, the frequency rule and the CSV import's reading of a row.

describe('findings rules', () => {
  it('orders by severity first, then by participants affected (most first)', () => {
    const keys = [
      sortKeyOf('minor', 9),
      sortKeyOf('critical', 1),
      sortKeyOf('major', 5),
      sortKeyOf('critical', 6),
      sortKeyOf('cosmetic', 40),
    ];
    expect([...keys].sort((a, b) => a - b)).toEqual([keys[3], keys[1], keys[2], keys[0], keys[4]]);
  });

  it('lets a finding meet at most its sessions’ participants', () => {
    expect(affectedFits(8, [{ participantCount: 5 }, { participantCount: 3 }])).toBe(true);
    expect(affectedFits(9, [{ participantCount: 5 }, { participantCount: 3 }])).toBe(false);
  });

  it('names a finding by its sessions’ facilitators and methods, each once', () => {
    expect(
      findingAuthorLabel([
        { facilitator: 'Mette Holm', method: 'think_aloud' },
        { facilitator: 'Mette Holm', method: 'think_aloud' },
        { facilitator: 'Sara Lind', method: 'survey' },
      ]),
    ).toBe('Mette Holm (tænke højt-test), Sara Lind (spørgeskema)');
  });
});

describe('the findings CSV import', () => {
  const ctx = {
    scenarios: new Map([
      ['S1', 's1-id'],
      ['S2', 's2-id'],
    ]),
    sessions: [
      { id: 'a', ref: 'T1', heldOn: '2026-11-03', facilitator: 'Mette Holm', participantCount: 5 },
      { id: 'b', ref: 'T2', heldOn: '2026-11-03', facilitator: 'Mette Holm', participantCount: 3 },
      { id: 'c', ref: null, heldOn: '2026-11-05', facilitator: 'Rikke Bach', participantCount: 4 },
    ],
  };

  it('reads Danish and English headers and says which columns are missing', () => {
    const { columns, unknown } = readHeader([
      'Scenarie',
      'Dato',
      'Testleder',
      'Observation',
      'Alvorlighed',
      'Antal',
      'Farve',
    ]);
    expect(columns).toMatchObject({ scenario: 0, sessionDate: 1, facilitator: 2, observation: 3, severity: 4 });
    expect(unknown).toEqual(['Farve']);
    expect(missingColumns(columns)).toEqual([]);
    expect(missingColumns(readHeader(['scenario', 'observation']).columns)).toEqual([
      'severity',
      'participantsAffected',
      'session (or session_date and facilitator)',
    ]);
  });

  it('reads dates day first, severities and statuses in both languages', () => {
    expect(readDate('3.11.2026')).toBe('2026-11-03');
    expect(readDate('03-11-2026')).toBe('2026-11-03');
    expect(readDate('2026-11-03')).toBe('2026-11-03');
    expect(readDate('31.02.2026')).toBeNull();
    expect(readDate('11/3/26')).toBeNull();
    expect(readSeverity('Kritisk')).toBe('critical');
    expect(readSeverity(' MAJOR ')).toBe('major');
    expect(readSeverity('blocker')).toBeNull();
    expect(readStatus('')).toBe('open');
    expect(readStatus("won't fix")).toBe('wont_fix');
    expect(readStatus('løst')).toBe('addressed');
    expect(readStatus('done')).toBeNull();
  });

  it('finds sessions by reference or by date and facilitator, and lists every error of a row', () => {
    const ok = readRow(
      { scenario: 's2', session: 'T1; t2', observation: 'x', severity: 'minor', participantsAffected: '8' },
      ctx,
    );
    expect(ok.errors).toEqual([]);
    expect(ok.values).toMatchObject({ scenarioId: 's2-id', sessionIds: ['a', 'b'], participantsAffected: 8 });
    const byDate = readRow(
      {
        scenario: 'S1',
        sessionDate: '5.11.2026',
        facilitator: 'rikke bach',
        observation: 'x',
        severity: 'minor',
        participantsAffected: '1',
      },
      ctx,
    );
    expect(byDate.values?.sessionIds).toEqual(['c']);
    const ambiguous = readRow(
      {
        scenario: 'S1',
        sessionDate: '2026-11-03',
        facilitator: 'Mette Holm',
        observation: 'x',
        severity: 'minor',
        participantsAffected: '1',
      },
      ctx,
    );
    expect(ambiguous.errors.map((e) => e.code)).toEqual(['session_ambiguous']);
    const bad = readRow(
      { scenario: 'S9', session: 'T1', observation: '', severity: 'huge', participantsAffected: '6', status: 'x' },
      ctx,
    );
    expect(bad.values).toBeNull();
    expect(bad.errors.map((e) => e.code)).toEqual([
      'unknown_scenario',
      'bad_severity',
      'missing',
      'too_many_affected',
      'bad_status',
    ]);
  });
});
