import { describe, expect, it } from 'vitest'
import { createUserSchema, resetPasswordSchema } from './schema'

const errorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))

describe('createUserSchema', () => {
  it('accepts a lower-case name, a long password and a role, trimming the name', () => {
    const result = createUserSchema.safeParse({ username: '  ops.bot-1 ', password: 'twelve chars', role: 'OPERATOR' })
    expect(result.success).toBe(true)
    expect(result.data?.username).toBe('ops.bot-1')
  })

  it('names each field that is wrong', () => {
    const result = createUserSchema.safeParse({ username: 'al', password: 'short', role: 'ROOT' })
    expect(result.success).toBe(false)
    const errors = errorsOf(result)
    expect(errors.username).toBe('At least 3 characters')
    expect(errors.password).toBe('At least 12 characters')
    expect(errors.role).toBeDefined()
  })

  it('refuses upper case and a leading dot', () => {
    expect(createUserSchema.safeParse({ username: 'Alice', password: 'x'.repeat(12), role: 'VIEWER' }).success).toBe(false)
    expect(createUserSchema.safeParse({ username: '.alice', password: 'x'.repeat(12), role: 'VIEWER' }).success).toBe(false)
  })
})

describe('resetPasswordSchema', () => {
  it('wants the repeat to match, and says so on the repeat field', () => {
    expect(resetPasswordSchema.safeParse({ newPassword: 'a long password', confirm: 'a long password' }).success).toBe(true)
    const result = resetPasswordSchema.safeParse({ newPassword: 'a long password', confirm: 'a long passw0rd' })
    expect(errorsOf(result)).toEqual({ confirm: 'The passwords differ' })
  })
})
