/**
 * Reads a Debian Project Secretary tally sheet (../shared/data/debian-dpl-tallies/SOURCE.md):
 * "Option N--->: Name" lines, then one "V: <vote block> <hash>" line per voter, where character i
 * of the vote block is the rank given to option i + 1 ('-' = not ranked, equal digits = tie).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Ranks } from '../../../server/modules/rankings/rankings.rules.ts';

export interface DebianTally {
  readonly options: string[];
  readonly ballots: Ranks[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shared data folder sits beside the clone; SAMRAAD_SHARED_DIR points elsewhere when it does not. */
export function sharedDataDir(): string {
  const shared = process.env.SAMRAAD_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
  return path.join(shared, 'data', 'debian-dpl-tallies');
}

export function parseDebianTally(text: string): DebianTally {
  const options: string[] = [];
  const ballots: Ranks[] = [];
  for (const line of text.split(/\r?\n/)) {
    const option = /Option (\d+)-*>: (.+?)\s*$/.exec(line);
    if (option) {
      if (Number(option[1]) !== options.length + 1) throw new Error(`Options out of order at "${line}"`);
      options.push(option[2]!);
      continue;
    }
    const vote = /^V:\s+(\S+)\s/.exec(line);
    if (!vote) continue;
    const block = vote[1]!;
    if (block.length !== options.length) throw new Error(`Vote "${block}" does not cover ${options.length} options`);
    ballots.push([...block].map((ch) => (ch === '-' ? null : rankOf(ch, block))));
  }
  return { options, ballots };
}

function rankOf(ch: string, block: string): number {
  if (!/^[1-9]$/.test(ch)) throw new Error(`Unexpected rank "${ch}" in vote "${block}"`);
  return Number(ch);
}

/** leader2007 is ISO-8859-1 ("Raphaël Hertzog"); the others are ASCII, which latin1 reads the same. */
export function loadDebianTally(year: number): DebianTally {
  return parseDebianTally(readFileSync(path.join(sharedDataDir(), `leader${year}_tally.txt`), 'latin1'));
}
