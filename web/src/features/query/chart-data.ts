// Pure data shaping of the result chart (tested in chart-data.test.ts).

export type ChartKind = 'bar' | 'line' | 'scatter'

export interface ChartColumn { name: string; kind: string }

/** At most this many rows are charted (the first ones fetched); uPlot draws more, but a bar chart would not read. */
export const MAX_POINTS = 5000

/** A finite number from a cell; null for NULL, the empty string or anything that is not a number. */
export function toNumber(value: string | null | undefined): number | null {
  if (value == null || value.trim() === '') return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

/**
 * Whether a column can be a Y series: a NUMBER column, or any other whose non-NULL values (of the rows given) are all
 * numbers, with at least one (MongoDB and SQLite often hand numbers as text or JSON).
 */
export function isNumeric(column: ChartColumn, rows: (string | null)[][], index: number): boolean {
  if (column.kind === 'NUMBER') return true
  if (column.kind === 'BOOLEAN' || column.kind === 'BINARY') return false
  let seen = 0
  for (const row of rows.slice(0, MAX_POINTS)) {
    const v = row[index]
    if (v == null || v.trim() === '') continue
    if (toNumber(v) === null) return false
    seen++
  }
  return seen > 0
}

/** Milliseconds since the epoch of a date/timestamp cell, or null. */
function toTime(value: string | null | undefined): number | null {
  if (value == null) return null
  const t = Date.parse(value.includes('T') || !/^\d{4}-\d\d-\d\d \d/.test(value) ? value : value.replace(' ', 'T'))
  return Number.isFinite(t) ? t : null
}

export type XScale = 'number' | 'time' | 'category'

export interface ChartData {
  scale: XScale
  /** x positions: numbers, seconds (uPlot's time unit) or category indexes */
  x: number[]
  /** one array per Y column, aligned with x */
  ys: (number | null)[][]
  /** category labels by index (category scale) */
  labels: string[]
  /** rows left out because their x was NULL or not of the scale */
  skipped: number
}

/**
 * The rows as uPlot's aligned data. X is numeric, temporal or categorical (then one position per row, labelled with
 * its value); numeric and temporal X are sorted ascending, as a line and uPlot's cursor need, unless it is a bar chart
 * of categories. A row whose X cannot be read is skipped and counted.
 */
export function chartData(columns: ChartColumn[], rows: (string | null)[][], xIndex: number, yIndexes: number[]): ChartData {
  const used = rows.slice(0, MAX_POINTS)
  const xColumn = columns[xIndex]
  const numericX = !!xColumn && isNumeric(xColumn, used, xIndex)
  const temporalX = !numericX && xColumn?.kind === 'TEMPORAL' && used.some((r) => toTime(r[xIndex]) !== null)
  const scale: XScale = numericX ? 'number' : temporalX ? 'time' : 'category'
  let points: { x: number; label: string; row: (string | null)[] }[] = []
  let skipped = 0
  used.forEach((row, i) => {
    const raw = row[xIndex]
    const x = scale === 'number' ? toNumber(raw) : scale === 'time' ? toTime(raw) : i
    if (x === null) {
      skipped++
      return
    }
    points.push({ x: scale === 'time' ? x / 1000 : x, label: raw ?? 'NULL', row })
  })
  if (scale !== 'category') points = points.sort((a, b) => a.x - b.x)
  else points = points.map((p, i) => ({ ...p, x: i }))
  return {
    scale,
    x: points.map((p) => p.x),
    ys: yIndexes.map((y) => points.map((p) => toNumber(p.row[y]))),
    labels: scale === 'category' ? points.map((p) => p.label) : [],
    skipped,
  }
}
