import { describe, expect, it } from 'vitest'
import { parseTables } from './maintenance'

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
