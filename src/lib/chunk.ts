/** D1 binds at most 100 parameters per statement. */
export const D1_MAX_PARAMETERS = 100;

/** Splits `rows` into runs of at most `size`. */
export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Rows per multi-row INSERT when each row binds `parametersPerRow` values (and `fixed` more are bound once). */
export const rowsPerStatement = (parametersPerRow: number, fixed = 0) => Math.floor((D1_MAX_PARAMETERS - fixed) / parametersPerRow);
