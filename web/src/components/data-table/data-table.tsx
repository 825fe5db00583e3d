import * as React from 'react'
import { RefreshCw } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { Pager } from '@/components/pager'
import { errorMessage } from '@/lib/api'
import { ColumnHeader } from './column-header'
import { nextSort, sortRows, type SortState, type SortValue } from './sort'

export interface DataTableColumn<T> {
  id: string
  /** The header's content; for a column without a title give a screen-reader label, e.g. "Actions". */
  header: React.ReactNode
  /** Shown to screen readers only (the header keeps its cell, so the columns stay aligned). */
  srOnlyHeader?: boolean
  /** The cell's content (not needed when the table's renderRow draws whole rows). */
  cell?: (row: T) => React.ReactNode
  /** Classes of the header cell (widths go here). */
  className?: string
  cellClassName?: string
  /** Makes the column sortable, in the browser, by this value. Leave out for server-ordered (paged) tables. */
  sortValue?: (row: T) => SortValue
  /** The placeholder while loading; a text-sized bar if left out. */
  skeleton?: React.ReactNode
}

export interface PageOf<T> {
  items: readonly T[]
  page: number
  size: number
  totalElements: number
  totalPages: number
}

export interface DataTableProps<T> {
  columns: DataTableColumn<T>[]
  /** The rows in the order to show, or undefined while they load. */
  rows: readonly T[] | undefined
  rowKey: (row: T) => React.Key
  /** Attributes of a row (test ids, data-*), for the default row rendering. */
  rowProps?: (row: T) => React.ComponentProps<typeof TableRow> & Record<`data-${string}`, string | undefined>
  /** Renders a whole row instead (for rows with their own state or a detail row below them). */
  renderRow?: (row: T) => React.ReactNode
  /** The initial order of a sortable table. */
  defaultSort?: SortState
  skeletonRows?: number
  /** Shown instead of the table when there are no rows. */
  empty?: React.ReactNode
  /** Shown instead of the table when loading failed. */
  error?: { title: string; error: unknown; onRetry?: () => void } | null
  /** The pager below the table, for server-paged data. */
  pagination?: { data: PageOf<T>; onPage: (page: number) => void; hideSinglePage?: boolean }
  /** Set while a refetch runs, so assistive technology knows the rows may change. */
  busy?: boolean
  'aria-label'?: string
}

/**
 * The app's one list table: header (with sorting where a column allows it), skeleton rows while loading, an empty
 * state, an error with a retry, and the pager of a paged response. The page around it supplies the card and filters.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  rowProps,
  renderRow,
  defaultSort,
  skeletonRows = 4,
  empty,
  error,
  pagination,
  busy,
  'aria-label': ariaLabel,
}: DataTableProps<T>) {
  const [sort, setSort] = React.useState<SortState | null>(defaultSort ?? null)
  const sortColumn = sort ? columns.find((c) => c.id === sort.column && c.sortValue) : undefined
  const shown = rows && sort && sortColumn?.sortValue ? sortRows(rows, sortColumn.sortValue, sort.desc) : rows

  if (error) {
    return (
      <div className="p-4">
        <Alert variant="destructive">
          <AlertTitle>{error.title}</AlertTitle>
          <AlertDescription>
            <p>{errorMessage(error.error)}</p>
            {error.onRetry && (
              <Button variant="outline" size="sm" className="mt-2" onClick={error.onRetry}>
                <RefreshCw /> Try again
              </Button>
            )}
          </AlertDescription>
        </Alert>
      </div>
    )
  }
  const page = pagination?.data
  const pager = pagination && page && page.totalElements > 0 && !(pagination.hideSinglePage && page.totalPages <= 1) && (
    <Pager data={page} onPage={pagination.onPage} />
  )
  // a page past the end is empty too: keep the pager so the user can go back
  if (shown && shown.length === 0 && empty) {
    return (
      <>
        <div className="p-4">{empty}</div>
        {pager}
      </>
    )
  }

  return (
    <>
      <Table aria-busy={busy || rows === undefined} aria-label={ariaLabel}>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            {columns.map((c) => {
              const direction = sort?.column === c.id && c.sortValue ? (sort.desc ? 'desc' : 'asc') : null
              return (
                <TableHead
                  key={c.id}
                  className={c.className}
                  aria-sort={c.sortValue ? (direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none') : undefined}
                >
                  {c.srOnlyHeader ? (
                    <span className="sr-only">{c.header}</span>
                  ) : c.sortValue ? (
                    <ColumnHeader title={c.header} direction={direction} onSort={() => setSort((s) => nextSort(s, c.id, defaultSort ?? null))} />
                  ) : (
                    c.header
                  )}
                </TableHead>
              )
            })}
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown === undefined
            ? Array.from({ length: skeletonRows }, (_, i) => (
                <TableRow key={i} aria-hidden>
                  {columns.map((c) => (
                    <TableCell key={c.id}>{c.skeleton ?? (c.srOnlyHeader ? null : <Skeleton className="h-4 w-full max-w-32" />)}</TableCell>
                  ))}
                </TableRow>
              ))
            : shown.map((row) =>
                renderRow ? (
                  <React.Fragment key={rowKey(row)}>{renderRow(row)}</React.Fragment>
                ) : (
                  <TableRow key={rowKey(row)} {...rowProps?.(row)}>
                    {columns.map((c) => (
                      <TableCell key={c.id} className={c.cellClassName}>
                        {c.cell?.(row)}
                      </TableCell>
                    ))}
                  </TableRow>
                ),
              )}
        </TableBody>
      </Table>
      {pager}
    </>
  )
}
