import { describe, expect, it } from 'vitest'
import { MySQL, PostgreSQL, SQLite, StandardSQL } from '@codemirror/lang-sql'
import { dialectFor } from './sql-editor'
import { isRunning } from './types'

describe('dialectFor', () => {
  it('maps the engines\u2019 console dialects to CodeMirror\u2019s', () => {
    expect(dialectFor('postgresql')).toBe(PostgreSQL)
    expect(dialectFor('mysql')).toBe(MySQL)
    expect(dialectFor('sqlite')).toBe(SQLite)
  })

  it('falls back to standard SQL for any other dialect', () => {
    expect(dialectFor('mongodb-shell')).toBe(StandardSQL)
    expect(dialectFor(undefined)).toBe(StandardSQL)
  })
})

describe('isRunning', () => {
  it('is true only while the execution runs', () => {
    expect(isRunning({ status: 'RUNNING' })).toBe(true)
    expect(isRunning({ status: 'CANCELLED' })).toBe(false)
    expect(isRunning(undefined)).toBe(false)
  })
})
