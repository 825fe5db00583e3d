// Pure data shaping of the result chart (tested in chart-data.test.ts).

export type ChartKind = 'bar' | 'line' | 'area' | 'scatter' | 'pie'

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

export type Aggregation = 'none' | 'sum' | 'avg' | 'count' | 'min' | 'max'

/**
 * Rows grouped by their X value (in first-seen order), each Y column folded by the aggregation: a new result whose
 * column 0 is X and columns 1… the aggregated Y columns (named e.g. "sum(total)"). Count counts the group's non-NULL
 * values; the others ignore values that are not numbers, and a group with none gets NULL.
 */
export function aggregate(columns: ChartColumn[], rows: (string | null)[][], xIndex: number, yIndexes: number[], how: Exclude<Aggregation, 'none'>): { columns: ChartColumn[]; rows: (string | null)[][] } {
  const groups = new Map<string, { x: string | null; values: (number | null)[][]; counts: number[] }>()
  for (const row of rows) {
    const raw = row[xIndex] ?? null
    const key = raw === null ? '\u0000NULL' : raw
    let group = groups.get(key)
    if (!group) {
      group = { x: raw, values: yIndexes.map(() => []), counts: yIndexes.map(() => 0) }
      groups.set(key, group)
    }
    yIndexes.forEach((y, i) => {
      const v = row[y]
      if (v != null) group!.counts[i]++
      const n = toNumber(v)
      if (n !== null) group!.values[i].push(n)
    })
  }
  const fold = (values: (number | null)[], count: number): string | null => {
    const ns = values as number[]
    if (how === 'count') return String(count)
    if (ns.length === 0) return null
    if (how === 'sum') return String(ns.reduce((a, b) => a + b, 0))
    if (how === 'avg') return String(ns.reduce((a, b) => a + b, 0) / ns.length)
    return String(how === 'min' ? Math.min(...ns) : Math.max(...ns))
  }
  return {
    columns: [columns[xIndex], ...yIndexes.map((y) => ({ name: `${how}(${columns[y]?.name ?? ''})`, kind: 'NUMBER' }))],
    rows: [...groups.values()].map((g) => [g.x, ...g.values.map((v, i) => fold(v, g.counts[i]))]),
  }
}

export interface PieSlice { label: string; value: number; fraction: number; start: number; end: number }

/** At most this many slices; the smaller rest is one "Other" slice. */
export const MAX_SLICES = 12

/**
 * Pie slices of one value column labelled by X: positive values only (a pie of negatives or zeros says nothing; they
 * are counted as left out), largest first, angles in radians clockwise from 12 o'clock.
 */
export function pieSlices(rows: (string | null)[][], xIndex: number, yIndex: number): { slices: PieSlice[]; skipped: number } {
  let skipped = 0
  const items: { label: string; value: number }[] = []
  for (const row of rows.slice(0, MAX_POINTS)) {
    const value = toNumber(row[yIndex])
    if (value === null || value <= 0) {
      skipped++
      continue
    }
    items.push({ label: row[xIndex] ?? 'NULL', value })
  }
  items.sort((a, b) => b.value - a.value)
  const kept = items.length > MAX_SLICES ? items.slice(0, MAX_SLICES - 1) : items
  if (items.length > MAX_SLICES) {
    const rest = items.slice(MAX_SLICES - 1)
    kept.push({ label: `Other (${rest.length})`, value: rest.reduce((a, b) => a + b.value, 0) })
  }
  const total = kept.reduce((a, b) => a + b.value, 0)
  let angle = 0
  const slices = kept.map((item) => {
    const fraction = item.value / total
    const slice = { ...item, fraction, start: angle, end: angle + fraction * 2 * Math.PI }
    angle = slice.end
    return slice
  })
  return { slices, skipped }
}

/** The chart a saved query keeps: column names rather than indexes, so it survives a change of the SELECT list. */
export interface SavedChartSettings {
  type: 'BAR' | 'LINE' | 'AREA' | 'SCATTER' | 'PIE'
  x: string
  ys: string[]
  aggregation: 'NONE' | 'SUM' | 'AVG' | 'COUNT' | 'MIN' | 'MAX'
}

/** The chart's settings by column index, as the chart view holds them. */
export interface ChartSettings { kind: ChartKind; how: Aggregation; x: number; ys: number[] }

/** The settings to save, or null when no Y column is chosen (nothing is drawn, so nothing worth keeping). */
export function toSavedChart(columns: ChartColumn[], settings: ChartSettings): SavedChartSettings | null {
  const x = columns[settings.x]
  const ys = settings.ys.map((i) => columns[i]?.name).filter((n): n is string => n != null)
  if (!x || ys.length === 0) return null
  return {
    type: settings.kind.toUpperCase() as SavedChartSettings['type'],
    x: x.name,
    ys: [...new Set(ys)],
    aggregation: settings.how.toUpperCase() as SavedChartSettings['aggregation'],
  }
}

/**
 * Saved settings applied to a result: columns found by name (the first of that name); a missing X column leaves
 * `x` null (the view picks its default), missing Y columns are left out.
 */
export function fromSavedChart(columns: ChartColumn[], saved: SavedChartSettings): Omit<ChartSettings, 'x'> & { x: number | null } {
  const index = (name: string) => columns.findIndex((c) => c.name === name)
  const x = index(saved.x)
  return {
    kind: saved.type.toLowerCase() as ChartKind,
    how: saved.aggregation.toLowerCase() as Aggregation,
    x: x >= 0 ? x : null,
    ys: [...new Set(saved.ys.map(index).filter((i) => i >= 0))].sort((a, b) => a - b),
  }
}
