import { describe, expect, it } from 'vitest'
import { emptyPolicy, policySchema, toDraft } from './schema'

describe('masking policy form', () => {
  it('needs the table, column and connection of an explicit column', () => {
    const r = policySchema.safeParse({ ...emptyPolicy, name: 'e-mail' })
    expect(r.success).toBe(false)
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['connectionId', 'table', 'column']))
  })

  it('refuses a rule whose pattern is not a regular expression', () => {
    const r = policySchema.safeParse({ ...emptyPolicy, name: 'bad', scope: 'rule', namePattern: '(' })
    expect(r.success).toBe(false)
  })

  it('sends a rule without the column fields and keeps counts only for partial masks', () => {
    const draft = toDraft({ ...emptyPolicy, name: ' phones ', scope: 'rule', namePattern: 'phone', table: 'ignored', keepLast: 4 })
    expect(draft).toMatchObject({ name: 'phones', namePattern: 'phone', table: undefined, connectionId: undefined, keepLast: 0 })
    const partial = toDraft({ ...emptyPolicy, name: 'p', connectionId: 'c', table: 't', column: 'c', mask: 'PARTIAL', keepLast: 4 })
    expect(partial).toMatchObject({ table: 't', column: 'c', mask: 'PARTIAL', keepLast: 4, namePattern: undefined })
  })
})
