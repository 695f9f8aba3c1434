/**
 * One keyset page from `limit + 1` rows ordered by their time-ordered id: the extra row only
 * says that a next page exists; the cursor is the last returned id.
 */
export function keysetPage<R extends { id: string }, T>(rows: R[], limit: number, toItem: (row: R) => T) {
  const page = rows.slice(0, limit);
  return { items: page.map(toItem), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}
