export function Pagination({
  page,
  totalPages,
  totalCount,
  pageSize,
  pageSizes = [25, 50, 100],
  onPage,
  onPageSize,
  label,
}: {
  page: number;
  totalPages: number;
  totalCount?: number;
  pageSize: number;
  pageSizes?: number[];
  onPage(page: number): void;
  onPageSize?(size: number): void;
  label: string;
}) {
  const last = Math.max(1, totalPages);
  return (
    <nav className="cp-pagination" aria-label={label}>
      <button type="button" className="cp-button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span aria-live="polite">
        Page {page} of {last}
        {totalCount !== undefined ? ` · ${totalCount.toLocaleString('en-US')} total` : ''}
      </span>
      <button type="button" className="cp-button" disabled={page >= last} onClick={() => onPage(page + 1)}>
        Next
      </button>
      {onPageSize ? (
        <label className="cp-inline-field">
          Rows per page
          <select value={pageSize} onChange={(event) => onPageSize(Number(event.target.value))}>
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </nav>
  );
}
