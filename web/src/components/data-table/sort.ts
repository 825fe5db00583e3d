/** What a sortable column compares: text (locale-aware, digits as numbers), numbers, or booleans; null sorts last. */
export type SortValue = string | number | boolean | null | undefined

export interface SortState {
  column: string
  desc: boolean
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

export function compareValues(a: SortValue, b: SortValue): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b)
  return Number(a) - Number(b)
}

/**
 * A sorted copy of rows by the value `valueOf` gives (stable: equal rows keep their order). Descending reverses the
 * order of values, but rows without a value stay at the end either way.
 */
export function sortRows<T>(rows: readonly T[], valueOf: (row: T) => SortValue, desc: boolean): T[] {
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row) }))
    .sort((x, y) => {
      if (x.value == null || y.value == null) return compareValues(x.value, y.value) || x.index - y.index
      const order = compareValues(x.value, y.value)
      return (desc ? -order : order) || x.index - y.index
    })
    .map((entry) => entry.row)
}

/** A click on a column header: ascending first, then descending, then back to the table's default order. */
export function nextSort(current: SortState | null, column: string, initial: SortState | null): SortState | null {
  if (current?.column !== column) return { column, desc: false }
  if (!current.desc) return { column, desc: true }
  return initial?.column === column ? { column, desc: false } : initial
}
