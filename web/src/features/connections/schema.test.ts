import { describe, expect, it } from 'vitest'
import { connectionFormSchema, emptyForm, formFieldFor, toRequest, type ConnectionFormValues } from './schema'

const postgres = (changes: Partial<ConnectionFormValues> = {}): ConnectionFormValues => ({
  ...emptyForm('POSTGRESQL', '#336791', false),
  name: 'orders',
  host: 'db.internal',
  port: '5432',
  database: 'orders',
  username: 'app',
  ...changes,
})

const fieldErrors = (values: ConnectionFormValues) => {
  const result = connectionFormSchema.safeParse(values)
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))
}

describe('connectionFormSchema', () => {
  it('accepts a complete networked connection', () => {
    expect(fieldErrors(postgres())).toEqual({})
  })

  it('wants a name, a host and a port in range', () => {
    expect(fieldErrors(postgres({ name: ' ', host: '', port: '70000' }))).toEqual({
      name: 'Give the connection a name',
      port: 'A port from 1 to 65535',
      host: 'Enter the host name or address',
    })
    expect(fieldErrors(postgres({ port: '' }))).toEqual({})
  })

  it('wants a file path, not a host, for a file database', () => {
    const sqlite = { ...emptyForm('SQLITE', '#003b57', true), name: 'local' }
    expect(fieldErrors(sqlite)).toEqual({ filePath: 'Enter the database file path' })
    expect(fieldErrors({ ...sqlite, filePath: '/data/app.db' })).toEqual({})
  })

  it('wants only the string in connection-string mode', () => {
    expect(fieldErrors(postgres({ mode: 'url', host: '' }))).toEqual({ url: 'Paste a connection string' })
    expect(fieldErrors(postgres({ mode: 'url', host: '', url: 'postgresql://db/orders' }))).toEqual({})
  })

  it('checks tags and the colour', () => {
    expect(fieldErrors(postgres({ tags: ['prod', 'bad/tag'], colour: 'red' }))).toEqual({
      colour: 'A colour like #336791',
      'tags.1': 'Tags are 1–40 letters, digits, space, _ . -',
    })
  })
})

describe('toRequest', () => {
  it('sends the fields, numbers as numbers and blanks as null, and leaves out an empty password', () => {
    const body = toRequest(postgres({ database: ' ', description: '' }), { editing: false })
    expect(body).toMatchObject({ name: 'orders', engine: 'POSTGRESQL', host: 'db.internal', port: 5432, database: null, description: null })
    expect(body).not.toHaveProperty('password')
    expect(body).not.toHaveProperty('browseAllDatabases')
  })

  it('clears the stored password only when editing asks to', () => {
    expect(toRequest(postgres({ clearPassword: true, password: 'x' }), { editing: true })).toMatchObject({ clearPassword: true })
    expect(toRequest(postgres({ clearPassword: true, password: 'x' }), { editing: false })).toMatchObject({ password: 'x' })
  })

  it('leaves out what only a save understands when testing', () => {
    const body = toRequest(postgres({ password: 'secret', browseAllDatabases: true }), { editing: false, forTest: true })
    expect(body).not.toHaveProperty('name')
    expect(body).not.toHaveProperty('tags')
    expect(body).not.toHaveProperty('browseAllDatabases')
    expect(body).toMatchObject({ host: 'db.internal', password: 'secret' })
  })

  it('sends the string and a password beside it in connection-string mode', () => {
    expect(toRequest(postgres({ mode: 'url', url: ' postgresql://db/orders ', password: 'pw' }), { editing: false, forTest: true })).toEqual({
      url: 'postgresql://db/orders',
      password: 'pw',
      ssh: null, // no tunnel
    })
  })
})

describe('formFieldFor', () => {
  it('maps a server field onto the form field, and unknown fields onto none', () => {
    expect(formFieldFor('tags[2]')).toBe('tags')
    expect(formFieldFor('port')).toBe('port')
    expect(formFieldFor('owner.id')).toBeNull()
  })
})
