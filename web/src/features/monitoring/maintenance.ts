/** "a.b, c" → [{schema: a, name: b}, {name: c}]: the first dot separates the schema. */
export function parseTables(text: string): { schema?: string; name: string }[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map((t) => {
      const dot = t.indexOf('.')
      return dot > 0 ? { schema: t.slice(0, dot), name: t.slice(dot + 1) } : { name: t }
    })
}

/** [{schema: a, name: b}, {name: c}] → "a.b, c"; none → "all tables". */
export function formatTables(tables: { schema?: string | null; name: string }[]): string {
  if (tables.length === 0) return 'all tables'
  return tables.map((t) => (t.schema ? `${t.schema}.${t.name}` : t.name)).join(', ')
}

/** A 5-field cron as typed: the fields split on whitespace; a message when there are not five. */
export function cronShapeError(text: string): string | null {
  const fields = text.trim().split(/\s+/).filter(Boolean)
  if (fields.length === 0) return 'A cron expression is required'
  if (fields.length !== 5) return `Five fields: minute hour day-of-month month day-of-week (this has ${fields.length})`
  return null
}
