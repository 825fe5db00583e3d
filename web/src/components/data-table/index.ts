export { DataTable, type DataTableColumn, type DataTableProps, type PageOf } from './data-table'
export { ColumnHeader } from './column-header'
export { compareValues, nextSort, sortRows, type SortState, type SortValue } from './sort'
