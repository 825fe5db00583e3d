import { describe, expect, it } from 'vitest'
import { parseLimit } from '@/features/users/user-limits-dialog'
import { formField, lines, settingsSchema, toRequest } from './schema'

const valid = {
  idleMinutes: '30',
  absoluteHours: '12',
  twoFactorRoles: ['ADMIN'],
  globalAllowlist: '10.0.0.0/8\n\n 2001:db8::/32 ',
  adminAllowlist: '',
  operatorAllowlist: '192.168.1.7',
  viewerAllowlist: '',
  auditRetentionDays: '',
  masking: false,
  defaultMaxConsoleSessions: '4',
  defaultMaxRunningStatements: '',
}

describe('settingsSchema', () => {
  it('turns the form into the request: seconds, one entry per line, empty as null, empty role lists left out', () => {
    const parsed = settingsSchema.parse(valid)
    expect(toRequest(parsed, false)).toEqual({
      idleTimeoutSeconds: 1800,
      absoluteTimeoutSeconds: 43200,
      twoFactorRoles: ['ADMIN'],
      globalAllowlist: ['10.0.0.0/8', '2001:db8::/32'],
      roleAllowlists: { OPERATOR: ['192.168.1.7'] },
      auditRetentionDays: null,
      masking: false,
      defaultMaxConsoleSessions: 4,
      defaultMaxRunningStatements: null,
      confirmSelfLockout: false,
    })
  })

  it('names what is wrong', () => {
    const errorsOf = (input: object) =>
      Object.fromEntries((settingsSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))
    const errors = errorsOf({ ...valid, globalAllowlist: 'example.com', defaultMaxConsoleSessions: '0' })
    expect(errors.globalAllowlist).toBe('Not an address or CIDR block: example.com')
    expect(errors.defaultMaxConsoleSessions).toBeDefined()
    expect(errorsOf({ ...valid, absoluteHours: '0.2' })).toEqual({ absoluteHours: 'Must be at least the idle timeout' })
  })

  it('maps the server field names back to the form', () => {
    expect(formField('globalAllowlist[3]')).toBe('globalAllowlist')
    expect(formField('roleAllowlists.VIEWER[0]')).toBe('viewerAllowlist')
    expect(formField('idleTimeoutSeconds')).toBe('idleMinutes')
    expect(lines('a, b\n\nc')).toEqual(['a', 'b', 'c'])
  })
})

describe('parseLimit', () => {
  it('reads empty as the default and refuses what is not 1 to 1000', () => {
    expect(parseLimit(' ')).toBeNull()
    expect(parseLimit('12')).toBe(12)
    expect(typeof parseLimit('0')).toBe('string')
    expect(typeof parseLimit('1.5')).toBe('string')
  })
})
