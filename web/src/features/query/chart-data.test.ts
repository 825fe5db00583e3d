import { describe, expect, it } from 'vitest'
import { chartData, isNumeric, MAX_POINTS, toNumber } from './chart-data'

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
