import type { ReactNode } from 'react';
import { Loading } from '../shell/Page.js';
import { LoadMore, type PagedList } from './data.js';
import { LoadError } from './form.js';
import { Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from './nlds.js';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

interface TableProps<T> {
  /** Read by screen readers only; also names the scroll region unless `labelledBy` points at a heading. */
  caption: string;
  labelledBy?: string;
  /** `false` leaves a column out (e.g. actions for someone who may not act). */
  columns: Array<Column<T> | false>;
  rows: T[];
  rowKey: (row: T) => string;
}

/**
 * A table in its own focusable scroll region: narrow screens scroll the table sideways, not the
 * page (WCAG 1.4.10), and keyboard users can reach that scrolling.
 */
export function DataTable<T>({ caption, labelledBy, columns, rows, rowKey }: TableProps<T>) {
  const cols = columns.filter((c): c is Column<T> => c !== false);
  return (
    <div className="naast-table-wrap" tabIndex={0} role="region" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : caption}>
      <Table>
        <TableCaption className="naast-visually-hidden">{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {cols.map((c) => (
              <TableHeaderCell key={c.header} scope="col">
                {c.header}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)}>
              {cols.map((c) => (
                <TableCell key={c.header}>{c.cell(row)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** A cursor-paginated list as a table: loading, error with retry, an empty text, then the rows and "load more". */
export function PagedTable<T>({ list, empty, ...table }: Omit<TableProps<T>, 'rows'> & { list: PagedList<T>; empty: string }) {
  if (list.loading) return <Loading />;
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  if (list.items.length === 0) return <Paragraph>{empty}</Paragraph>;
  return (
    <>
      <DataTable {...table} rows={list.items} />
      <LoadMore hasMore={list.hasMore} busy={list.loadingMore} onClick={list.loadMore} shown={list.items.length} />
    </>
  );
}
