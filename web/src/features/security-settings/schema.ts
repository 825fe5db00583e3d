import { z } from 'zod'
import type { Role, SecuritySettingsUpdate, SecuritySettingsView } from '@/lib/api-types'

export const roles: Role[] = ['ADMIN', 'OPERATOR', 'VIEWER']

/** An IPv4 or IPv6 address, optionally with a prefix length; the server canonicalises and checks it exactly. */
const CIDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(?:\/\d{1,3})?)$/

/** One address block per line (commas too); blank lines are ignored. */
export function lines(text: string) {
  return text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
}

const allowlist = z.string().superRefine((text, ctx) => {
  const entries = lines(text)
  if (entries.length > 200) ctx.addIssue({ code: 'custom', message: 'At most 200 entries' })
  const bad = entries.filter((e) => !CIDR.test(e))
  if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `Not an address or CIDR block: ${bad.join(', ')}` })
})

const optionalCount = z
  .string()
  .trim()
  .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 1000), 'A whole number from 1 to 1000, or empty')

export const settingsSchema = z
  .object({
    idleMinutes: z.coerce.number().int('Whole minutes').min(1, 'At least a minute').max(10080, 'At most 7 days'),
    absoluteHours: z.coerce.number().min(0.1, 'At least 6 minutes').max(720, 'At most 30 days'),
    twoFactorRoles: z.array(z.enum(['ADMIN', 'OPERATOR', 'VIEWER'])),
    globalAllowlist: allowlist,
    adminAllowlist: allowlist,
    operatorAllowlist: allowlist,
    viewerAllowlist: allowlist,
    auditRetentionDays: z
      .string()
      .trim()
      .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 36500), 'Days from 1 to 36500, or empty'),
    masking: z.boolean(),
    defaultMaxConsoleSessions: optionalCount,
    defaultMaxRunningStatements: optionalCount,
  })
  .refine((v) => v.absoluteHours * 60 >= v.idleMinutes, {
    path: ['absoluteHours'],
    message: 'Must be at least the idle timeout',
  })

export type SettingsForm = z.input<typeof settingsSchema>
export type SettingsValues = z.output<typeof settingsSchema>

const count = (v: string) => (v.trim() === '' ? null : Number(v))

export function toForm(s: SecuritySettingsView): SettingsForm {
  const list = (role: Role) => (s.roleAllowlists[role] ?? []).join('\n')
  return {
    idleMinutes: Math.round(s.idleTimeoutSeconds / 60),
    absoluteHours: Math.round((s.absoluteTimeoutSeconds / 3600) * 100) / 100,
    twoFactorRoles: [...s.twoFactorRoles],
    globalAllowlist: s.globalAllowlist.join('\n'),
    adminAllowlist: list('ADMIN'),
    operatorAllowlist: list('OPERATOR'),
    viewerAllowlist: list('VIEWER'),
    auditRetentionDays: s.auditRetentionDays == null ? '' : String(s.auditRetentionDays),
    masking: s.masking,
    defaultMaxConsoleSessions: s.defaultMaxConsoleSessions == null ? '' : String(s.defaultMaxConsoleSessions),
    defaultMaxRunningStatements: s.defaultMaxRunningStatements == null ? '' : String(s.defaultMaxRunningStatements),
  }
}

export function toRequest(v: SettingsValues, confirmSelfLockout: boolean): SecuritySettingsUpdate {
  const roleAllowlists: Partial<Record<Role, string[]>> = {}
  const perRole: [Role, string][] = [
    ['ADMIN', v.adminAllowlist],
    ['OPERATOR', v.operatorAllowlist],
    ['VIEWER', v.viewerAllowlist],
  ]
  for (const [role, text] of perRole) {
    if (lines(text).length > 0) roleAllowlists[role] = lines(text)
  }
  return {
    idleTimeoutSeconds: v.idleMinutes * 60,
    absoluteTimeoutSeconds: Math.round(v.absoluteHours * 3600),
    twoFactorRoles: v.twoFactorRoles,
    globalAllowlist: lines(v.globalAllowlist),
    roleAllowlists,
    auditRetentionDays: count(v.auditRetentionDays),
    masking: v.masking,
    defaultMaxConsoleSessions: count(v.defaultMaxConsoleSessions),
    defaultMaxRunningStatements: count(v.defaultMaxRunningStatements),
    confirmSelfLockout,
  }
}

/** Server field names (e.g. `globalAllowlist[2]`, `roleAllowlists.VIEWER[0]`) → the form's fields. */
export function formField(serverField: string): keyof SettingsForm | null {
  if (serverField.startsWith('globalAllowlist')) return 'globalAllowlist'
  if (serverField.startsWith('roleAllowlists.ADMIN')) return 'adminAllowlist'
  if (serverField.startsWith('roleAllowlists.OPERATOR')) return 'operatorAllowlist'
  if (serverField.startsWith('roleAllowlists.VIEWER')) return 'viewerAllowlist'
  if (serverField === 'idleTimeoutSeconds') return 'idleMinutes'
  if (serverField === 'absoluteTimeoutSeconds') return 'absoluteHours'
  if (serverField === 'auditRetentionDays' || serverField === 'defaultMaxConsoleSessions' || serverField === 'defaultMaxRunningStatements')
    return serverField
  return null
}
