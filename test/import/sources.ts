// Pieces of a hosted page's capture, as its public v2 JSON has them, for the import tests.

/** A component of the hosted page; operational, positioned, since 2021 unless `extra` says otherwise. */
export const component = (id: string, name: string, position: number, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  status: "operational",
  position,
  created_at: "2021-01-01T00:00:00Z",
  ...extra,
});
