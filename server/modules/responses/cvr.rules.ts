/**
 * Danish CVR numbers (Det Centrale Virksomhedsregister): eight digits whose modulus-11 check holds,
 * with the weights 2, 7, 6, 5, 4, 3, 2, 1 (the last digit is the check digit). No I/O.
 */
const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/** Spaces are common when a number is copied from a letterhead ("34 05 11 78"). */
export const normalizeCvr = (raw: string): string => raw.replace(/[\s\u00a0-]/g, '');

export function isValidCvr(cvr: string): boolean {
  if (!/^[0-9]{8}$/.test(cvr)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(cvr[i]) * WEIGHTS[i]!;
  return sum % 11 === 0;
}
