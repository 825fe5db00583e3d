// Import types, derived from web/openapi.json (api-schema.d.ts).
import type { components } from '@/lib/api-schema'

type Schemas = components['schemas']

type Present<T, Absent extends keyof T = never> = { [K in Exclude<keyof T, Absent>]-?: NonNullable<T[K]> } & {
  [K in Absent]?: NonNullable<T[K]> | null
}

export type UploadView = Present<Schemas['UploadView']>
export type CsvOptions = Present<Schemas['CsvOptions'], 'nullMarker'>
export type NullHandling = CsvOptions['nullHandling']
export type ImportColumn = Present<Schemas['ImportColumn']>
export type CsvPreview = Omit<Present<Schemas['CsvPreview']>, 'options' | 'tableColumns' | 'suggestedMapping' | 'rows'> & {
  options: CsvOptions
  tableColumns: ImportColumn[]
  suggestedMapping: (string | null)[]
  rows: (string | null)[][]
}
export type ImportResult = Present<Schemas['ImportResult'], 'line' | 'column' | 'error'>
/** The server takes null for a skipped file column and for an unused NULL marker. */
export type ImportRequest = Omit<Schemas['ImportRequest'], 'csv' | 'mapping'> & {
  csv?: CsvOptions
  mapping?: (string | null)[]
}
