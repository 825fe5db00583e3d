import { describe, expect, it } from 'vitest'
import { cronShapeError, formatTables, parseTables } from './maintenance'

describe('parseTables', () => {
  it('splits on commas and the first dot', () => {
    expect(parseTables(' public.t , u,  a.b.c ')).toEqual([{ schema: 'public', name: 't' }, { name: 'u' }, { schema: 'a', name: 'b.c' }])
  })
  it('is empty for blank text', () => {
    expect(parseTables(' , ')).toEqual([])
  })
  it('keeps a leading dot in the name', () => {
    expect(parseTables('.x')).toEqual([{ name: '.x' }])
  })
})

describe('formatTables', () => {
  it('reads "all tables" when none are named', () => {
    expect(formatTables([])).toBe('all tables')
  })
  it('joins schema-qualified and bare names', () => {
    expect(formatTables([{ schema: 'public', name: 't' }, { name: 'u' }, { schema: null, name: 'v' }])).toBe('public.t, u, v')
  })
})

describe('cronShapeError', () => {
  it('accepts five fields, however spaced', () => {
    expect(cronShapeError(' 30  3 * * 0 ')).toBeNull()
  })
  it('asks for five fields', () => {
    expect(cronShapeError('0 0 3 * * ?')).toContain('this has 6')
    expect(cronShapeError('  ')).toBe('A cron expression is required')
  })
})
