import { describe, expect, it } from 'vitest'
import type { ResultColumn } from '@/features/query/types'
import { addRow, changes, EMPTY, isEmpty, setCell, setInsertCell, toggleDelete } from './pending'

const columns: ResultColumn[] = [
  { name: 'id', type: 'int4', kind: 'NUMBER' },
  { name: 'title', type: 'text', kind: 'TEXT' },
]

describe('pending changes', () => {
  it('keeps NULL apart from the empty string and sends the original row', () => {
    let p = setCell(EMPTY, columns, ['id'], ['1', 'a'], 'title', null)
    p = setCell(p, columns, ['id'], ['2', 'b'], 'title', '')
    expect(changes(p)).toEqual([
      { kind: 'update', key: { id: '1' }, original: { id: '1', title: 'a' }, values: { title: null } },
      { kind: 'update', key: { id: '2' }, original: { id: '2', title: 'b' }, values: { title: '' } },
    ])
  })

  it('drops an edit set back to the original value', () => {
    const p = setCell(setCell(EMPTY, columns, ['id'], ['1', 'a'], 'title', 'x'), columns, ['id'], ['1', 'a'], 'title', 'a')
    expect(isEmpty(p)).toBe(true)
  })

  it('a deleted row loses its edits; inserts come last', () => {
    let p = setCell(EMPTY, columns, ['id'], ['1', 'a'], 'title', 'x')
    p = toggleDelete(p, columns, ['id'], ['1', 'a'])
    p = setInsertCell(addRow(p), 0, 'title', 'new')
    expect(changes(p).map((c) => c.kind)).toEqual(['delete', 'insert'])
    expect(changes(p)[1].values).toEqual({ title: 'new' })
  })
})
