import { describe, expect, it } from 'vitest'
import { aggregate, chartData, fromSavedChart, isNumeric, MAX_POINTS, MAX_SLICES, pieSlices, toNumber, toSavedChart } from './chart-data'

const cols = [
  { name: 'genre', kind: 'TEXT' },
  { name: 'tracks', kind: 'NUMBER' },
  { name: 'minutes', kind: 'TEXT' },
  { name: 'released', kind: 'TEMPORAL' },
]
const rows: (string | null)[][] = [
  ['Rock', '1297', '5.7', '2024-03-01 10:00:00'],
  ['Jazz', '130', null, '2024-01-01 10:00:00'],
  ['Metal', '374', '5.2', null],
]

describe('toNumber', () => {
  it('reads finite numbers only, exactly as written', () => {
    expect(toNumber('12.50')).toBe(12.5)
    expect(toNumber('-3e2')).toBe(-300)
    expect(toNumber('')).toBeNull()
    expect(toNumber(null)).toBeNull()
    expect(toNumber('NaN')).toBeNull()
    expect(toNumber('12 apples')).toBeNull()
  })
})

describe('isNumeric', () => {
  it('takes NUMBER columns and text columns whose values are all numbers', () => {
    expect(isNumeric(cols[1], rows, 1)).toBe(true)
    expect(isNumeric(cols[2], rows, 2)).toBe(true)
    expect(isNumeric(cols[0], rows, 0)).toBe(false)
    expect(isNumeric({ name: 'empty', kind: 'TEXT' }, [[null], ['']], 0)).toBe(false)
    expect(isNumeric({ name: 'flag', kind: 'BOOLEAN' }, [['1']], 0)).toBe(false)
  })
})

describe('chartData', () => {
  it('charts categories in row order, labelled with their values', () => {
    const d = chartData(cols, rows, 0, [1, 2])
    expect(d.scale).toBe('category')
    expect(d.x).toEqual([0, 1, 2])
    expect(d.labels).toEqual(['Rock', 'Jazz', 'Metal'])
    expect(d.ys).toEqual([[1297, 130, 374], [5.7, null, 5.2]])
  })

  it('sorts a numeric X ascending and keeps each Y with its row', () => {
    const d = chartData(cols, rows, 1, [2])
    expect(d.scale).toBe('number')
    expect(d.x).toEqual([130, 374, 1297])
    expect(d.ys).toEqual([[null, 5.2, 5.7]])
  })

  it('reads a temporal X as seconds and skips rows without one', () => {
    const d = chartData(cols, rows, 3, [1])
    expect(d.scale).toBe('time')
    expect(d.x).toEqual([Date.parse('2024-01-01T10:00:00') / 1000, Date.parse('2024-03-01T10:00:00') / 1000])
    expect(d.ys).toEqual([[130, 1297]])
    expect(d.skipped).toBe(1)
  })

  it('charts at most MAX_POINTS rows', () => {
    const many = Array.from({ length: MAX_POINTS + 10 }, (_, i) => [String(i), String(i * 2)])
    expect(chartData([{ name: 'a', kind: 'NUMBER' }, { name: 'b', kind: 'NUMBER' }], many, 0, [1]).x).toHaveLength(MAX_POINTS)
  })
})

describe('aggregate', () => {
  const sales = [{ name: 'region', kind: 'TEXT' }, { name: 'total', kind: 'NUMBER' }, { name: 'note', kind: 'TEXT' }]
  const data: (string | null)[][] = [
    ['North', '10', 'a'], ['South', '5', null], ['North', '2.5', 'b'], [null, '7', 'c'], ['South', null, 'd'], ['North', 'x', 'e'],
  ]
  it('groups by X in first-seen order and folds each Y column', () => {
    expect(aggregate(sales, data, 0, [1], 'sum')).toEqual({
      columns: [sales[0], { name: 'sum(total)', kind: 'NUMBER' }],
      rows: [['North', '12.5'], ['South', '5'], [null, '7']],
    })
    expect(aggregate(sales, data, 0, [1], 'avg').rows).toEqual([['North', '6.25'], ['South', '5'], [null, '7']])
    expect(aggregate(sales, data, 0, [1], 'min').rows[0]).toEqual(['North', '2.5'])
    expect(aggregate(sales, data, 0, [1], 'max').rows[0]).toEqual(['North', '10'])
  })
  it('counts non-NULL values, numbers or not', () => {
    expect(aggregate(sales, data, 0, [1, 2], 'count').rows).toEqual([['North', '3', '3'], ['South', '1', '1'], [null, '1', '1']])
  })
  it('gives NULL for a group without numbers', () => {
    expect(aggregate(sales, [['East', null, 'z']], 0, [1], 'sum').rows).toEqual([['East', null]])
  })
})

describe('pieSlices', () => {
  it('keeps positive values, largest first, and closes the circle', () => {
    const { slices, skipped } = pieSlices([['a', '1'], ['b', '3'], ['c', '0'], ['d', null], ['e', '-2']], 0, 1)
    expect(skipped).toBe(3)
    expect(slices.map((s) => s.label)).toEqual(['b', 'a'])
    expect(slices[0].fraction).toBeCloseTo(0.75)
    expect(slices[0].start).toBe(0)
    expect(slices[1].end).toBeCloseTo(2 * Math.PI)
  })
  it('folds the smallest into one Other slice past the limit', () => {
    const many = Array.from({ length: 20 }, (_, i) => [`k${i}`, String(i + 1)])
    const { slices } = pieSlices(many, 0, 1)
    expect(slices).toHaveLength(MAX_SLICES)
    expect(slices[MAX_SLICES - 1].label).toBe(`Other (${20 - (MAX_SLICES - 1)})`)
    expect(slices[MAX_SLICES - 1].value).toBe(((20 - MAX_SLICES + 1) * (20 - MAX_SLICES + 2)) / 2)
  })
})

describe('saved chart settings', () => {
  it('names the columns by name and the type and aggregation in capitals', () => {
    expect(toSavedChart(cols, { kind: 'line', how: 'sum', x: 0, ys: [2, 1] })).toEqual({ type: 'LINE', x: 'genre', ys: ['minutes', 'tracks'], aggregation: 'SUM' })
    expect(toSavedChart(cols, { kind: 'bar', how: 'none', x: 0, ys: [] })).toBeNull()
    expect(toSavedChart(cols, { kind: 'bar', how: 'none', x: 9, ys: [1] })).toBeNull()
  })

  it('finds the saved columns in a result by name, leaving out those it lacks', () => {
    const saved = { type: 'PIE', x: 'genre', ys: ['minutes', 'gone', 'tracks'], aggregation: 'AVG' } as const
    expect(fromSavedChart(cols, { ...saved, ys: [...saved.ys] })).toEqual({ kind: 'pie', how: 'avg', x: 0, ys: [1, 2] })
    const moved = [cols[1], cols[0]]
    expect(fromSavedChart(moved, { ...saved, ys: ['tracks'] })).toEqual({ kind: 'pie', how: 'avg', x: 1, ys: [0] })
    expect(fromSavedChart(cols, { ...saved, x: 'gone', ys: [] })).toEqual({ kind: 'pie', how: 'avg', x: null, ys: [] })
  })

  it('round-trips', () => {
    const settings = { kind: 'area', how: 'max', x: 3, ys: [1] } as const
    expect(fromSavedChart(cols, toSavedChart(cols, { ...settings, ys: [...settings.ys] })!)).toEqual({ ...settings, ys: [1] })
  })
})
