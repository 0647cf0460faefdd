import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useRef } from 'react';

export type Column<T> = {
  id: string;
  header: ReactNode;
  cell(row: T): ReactNode;
  /** `num` right-aligns numbers. */
  align?: 'num';
  /** Marks the column whose cell names the row (rendered as a row header). */
  rowHeader?: boolean;
};

/** Above this many rows only the visible ones are rendered; below it every row is in the DOM (find-in-page works). */
const VIRTUALIZE_ABOVE = 150;
const ROW_HEIGHT = 44;

export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowClassName,
  virtualizeAbove = VIRTUALIZE_ABOVE,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey(row: T): string;
  rowClassName?(row: T): string | undefined;
  virtualizeAbove?: number;
}) {
  const scrollElement = useRef<HTMLElement>(null);
  const virtual = rows.length > virtualizeAbove;
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollElement.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const renderRow = (row: T, index: number) => (
    <tr key={rowKey(row)} className={rowClassName?.(row)} aria-rowindex={index + 2}>
      {columns.map((column) =>
        column.rowHeader ? (
          <th key={column.id} scope="row" className={column.align === 'num' ? 'cp-num' : undefined}>
            {column.cell(row)}
          </th>
        ) : (
          <td key={column.id} className={column.align === 'num' ? 'cp-num' : undefined}>
            {column.cell(row)}
          </td>
        ),
      )}
    </tr>
  );

  const items = virtual ? virtualizer.getVirtualItems() : [];
  const before = virtual && items.length > 0 ? (items[0]?.start ?? 0) : 0;
  const after =
    virtual && items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

  const table = (
    <table className="cp-table" aria-rowcount={rows.length + 1}>
      <caption className="cp-visually-hidden">{caption}</caption>
      <thead>
        <tr aria-rowindex={1}>
          {columns.map((column) => (
            <th key={column.id} scope="col" className={column.align === 'num' ? 'cp-num' : undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {virtual ? (
          <>
            {before > 0 ? (
              // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty spacer row that only holds scroll height
              <tr aria-hidden="true" className="cp-spacer">
                <td colSpan={columns.length} style={{ height: before }} />
              </tr>
            ) : null}
            {items.map((item) => {
              const row = rows[item.index];
              return row === undefined ? null : renderRow(row, item.index);
            })}
            {after > 0 ? (
              // biome-ignore lint/a11y/noAriaHiddenOnFocusable: an empty spacer row that only holds scroll height
              <tr aria-hidden="true" className="cp-spacer">
                <td colSpan={columns.length} style={{ height: after }} />
              </tr>
            ) : null}
          </>
        ) : (
          rows.map(renderRow)
        )}
      </tbody>
    </table>
  );
  // A scrolling region must be reachable by keyboard to scroll it; a short table needs no region.
  return virtual ? (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so keyboard users can scroll it
    <section ref={scrollElement} className="cp-table-wrap cp-table-scroll" aria-label={caption} tabIndex={0}>
      {table}
    </section>
  ) : (
    <div ref={scrollElement as React.RefObject<HTMLDivElement>} className="cp-table-wrap">
      {table}
    </div>
  );
}
