import { describe, expect, it } from 'vitest'
import { compareValues, nextSort, sortRows } from './sort'

describe('sortRows', () => {
  const rows = [
    { name: 'beta-10', size: 3, at: null as string | null },
    { name: 'Alpha', size: 10, at: '2026-01-02T00:00:00Z' },
    { name: 'beta-9', size: 3, at: '2026-01-01T00:00:00Z' },
  ]

  it('compares text ignoring case and reading digits as numbers', () => {
    expect(sortRows(rows, (r) => r.name, false).map((r) => r.name)).toEqual(['Alpha', 'beta-9', 'beta-10'])
    expect(sortRows(rows, (r) => r.name, true).map((r) => r.name)).toEqual(['beta-10', 'beta-9', 'Alpha'])
  })

  it('compares numbers as numbers and keeps equal rows in their order', () => {
    expect(sortRows(rows, (r) => r.size, false).map((r) => r.name)).toEqual(['beta-10', 'beta-9', 'Alpha'])
    expect(sortRows(rows, (r) => r.size, true).map((r) => r.name)).toEqual(['Alpha', 'beta-10', 'beta-9'])
  })

  it('puts rows without a value last in both directions', () => {
    expect(sortRows(rows, (r) => r.at, false).map((r) => r.name)).toEqual(['beta-9', 'Alpha', 'beta-10'])
    expect(sortRows(rows, (r) => r.at, true).map((r) => r.name)).toEqual(['Alpha', 'beta-9', 'beta-10'])
  })

  it('leaves its input alone', () => {
    const copy = [...rows]
    sortRows(rows, (r) => r.name, true)
    expect(rows).toEqual(copy)
  })

  it('orders booleans false before true', () => {
    expect(compareValues(false, true)).toBeLessThan(0)
    expect(compareValues(true, true)).toBe(0)
  })
})

describe('nextSort', () => {
  const initial = { column: 'name', desc: false }

  it('goes ascending, descending, then back to the default', () => {
    let state = nextSort(initial, 'size', initial)
    expect(state).toEqual({ column: 'size', desc: false })
    state = nextSort(state, 'size', initial)
    expect(state).toEqual({ column: 'size', desc: true })
    expect(nextSort(state, 'size', initial)).toEqual(initial)
  })

  it('flips the default column between its two directions', () => {
    expect(nextSort(initial, 'name', initial)).toEqual({ column: 'name', desc: true })
    expect(nextSort({ column: 'name', desc: true }, 'name', initial)).toEqual(initial)
  })

  it('returns to no order when the table has no default', () => {
    expect(nextSort({ column: 'size', desc: true }, 'size', null)).toBeNull()
  })
})
