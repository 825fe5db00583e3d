import { describe, expect, it } from 'vitest'
import {
  columnText,
  completionNamespace,
  formatterLanguage,
  rowText,
  splitStatements,
  statementAt,
  resolveTables,
  tableBeforeDot,
  tablesInStatement,
} from './workspace-text'

describe('splitStatements / statementAt', () => {
  const script = "SELECT 'a;b' AS x;\n-- c;\nSELECT $$d;e$$;\n/* f; */ SELECT 3"
  it('splits outside quotes, comments and dollar quotes', () => {
    expect(splitStatements(script).map((s) => s.text)).toEqual([
      "SELECT 'a;b' AS x",
      '-- c;\nSELECT $$d;e$$',
      '/* f; */ SELECT 3',
    ])
  })
  it('finds the statement at the cursor', () => {
    expect(statementAt(script, 3)?.text).toBe("SELECT 'a;b' AS x")
    expect(statementAt(script, script.indexOf('$$d'))?.text).toBe('-- c;\nSELECT $$d;e$$')
    expect(statementAt(script, script.length)?.text).toBe('/* f; */ SELECT 3')
    expect(statementAt('  ', 0)).toBeNull()
  })
})

describe('formatterLanguage', () => {
  it('maps console dialects and leaves others unformatted', () => {
    expect(formatterLanguage('postgresql')).toBe('postgresql')
    expect(formatterLanguage('mysql')).toBe('mariadb')
    expect(formatterLanguage('mongodb-shell')).toBeUndefined()
  })
})

describe('copy helpers', () => {
  it('writes NULL distinctly and separates by tabs and lines', () => {
    expect(rowText(['1', null, 'x'])).toBe('1\tNULL\tx')
    expect(columnText('id', [['1'], [null]], 0)).toBe('id\n1\nNULL')
  })
})

describe('completion', () => {
  const map = { schemas: [{ name: 'public', tables: [{ name: 'track' }] }, { name: 'other', tables: [{ name: 'x' }] }] }
  it('builds a namespace with the default schema at the top level', () => {
    expect(completionNamespace(map, 'public')).toEqual({ public: { track: [] }, other: { x: [] }, track: [] })
  })
  it('finds the table before a dot', () => {
    expect(tableBeforeDot(map, 'SELECT track.na', 'public')).toEqual({ schema: 'public', table: 'track' })
    expect(tableBeforeDot(map, 'SELECT other.x.', 'public')).toEqual({ schema: 'other', table: 'x' })
    expect(tableBeforeDot(map, 'SELECT nope.', 'public')).toBeNull()
  })
})

describe('tablesInStatement', () => {
  it('finds FROM lists, JOINs and aliases, qualified or not', () => {
    expect(tablesInStatement('SELECT  FROM film f, actor JOIN public.language AS l ON l.language_id = f.language_id WHERE ')).toEqual([
      { table: 'film', alias: 'f' },
      { table: 'actor' },
      { schema: 'public', table: 'language', alias: 'l' },
    ])
  })

  it('reads quoted names and skips strings, comments and subqueries', () => {
    expect(tablesInStatement(`SELECT 'from nowhere' -- from comment\nFROM "My Table" m /* join x */ LEFT JOIN (SELECT 1) s ON true`)).toEqual([
      { table: 'My Table', alias: 'm' },
    ])
  })

  it('finds the table of UPDATE and INSERT INTO', () => {
    expect(tablesInStatement('UPDATE film SET ')).toEqual([{ table: 'film' }])
    expect(tablesInStatement('INSERT INTO sales.orders (')).toEqual([{ schema: 'sales', table: 'orders' }])
  })

  it('finds nothing in a statement without tables', () => {
    expect(tablesInStatement('SELECT 1 + ')).toEqual([])
  })
})

describe('resolveTables', () => {
  const map = {
    schemas: [
      { name: 'archive', tables: [{ name: 'film' }] },
      { name: 'public', tables: [{ name: 'film' }, { name: 'language' }] },
    ],
  }

  it('prefers the default schema for unqualified names, honours a qualified one, and folds case', () => {
    expect(resolveTables(map, [{ table: 'Film' }, { schema: 'archive', table: 'film' }, { table: 'nosuch' }], 'public')).toEqual([
      { schema: 'public', table: 'film' },
      { schema: 'archive', table: 'film' },
    ])
  })

  it('names each table once', () => {
    expect(resolveTables(map, [{ table: 'language' }, { table: 'language', alias: 'l' }], 'public')).toEqual([
      { schema: 'public', table: 'language' },
    ])
  })
})
