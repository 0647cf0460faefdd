/** Page size used by `listAll` when the caller does not choose one (LiteLLM's maximum). */
export const LIST_ALL_PAGE_SIZE = 100;

export type NumberedPage<T> = { items: T[]; totalPages: number | null | undefined };

/**
 * Walks LiteLLM's numbered pages from `firstPage`, one request per page as the caller iterates, and stops
 * after an empty page or the page that reaches `total_pages` (a missing total means there is no next page).
 * Breaking out of the loop fetches nothing further.
 */
export async function* walkPages<T>(
  firstPage: number,
  fetchPage: (page: number) => Promise<NumberedPage<T>>,
): AsyncGenerator<T, void, undefined> {
  for (let page = firstPage; ; page += 1) {
    const { items, totalPages } = await fetchPage(page);
    yield* items;
    if (items.length === 0 || page >= (totalPages ?? 0)) return;
  }
}
