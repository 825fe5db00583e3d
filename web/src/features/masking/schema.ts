import { z } from 'zod'
import type { MaskKind, MaskingPolicy, PiiSuggestion, PolicyDraft } from '@/lib/api-types'

export const maskKinds: { kind: MaskKind; label: string }[] = [
  { kind: 'REDACT', label: 'Redact (****)' },
  { kind: 'PARTIAL', label: 'Partial (keep first/last characters)' },
  { kind: 'HASH', label: 'Hash (stable, salted)' },
  { kind: 'NULL', label: 'Null' },
  { kind: 'EMAIL', label: 'E-mail (j***@example.com)' },
]

const optional = z.string().trim().max(256, 'At most 256 characters')

/** An explicit column (connection, table and column) or a rule on column names; never both. */
export const policySchema = z
  .object({
    name: z.string().trim().min(1, 'Required').max(120, 'At most 120 characters'),
    scope: z.enum(['column', 'rule']),
    connectionId: z.string(),
    database: optional,
    schema: optional,
    table: optional,
    column: optional,
    namePattern: z.string().trim().max(200, 'At most 200 characters'),
    typePattern: z.string().trim().max(100, 'At most 100 characters'),
    mask: z.enum(['REDACT', 'PARTIAL', 'HASH', 'NULL', 'EMAIL']),
    keepFirst: z.number().int().min(0).max(20),
    keepLast: z.number().int().min(0).max(20),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'column') {
      if (!v.connectionId) ctx.addIssue({ code: 'custom', path: ['connectionId'], message: 'Choose the connection' })
      if (!v.table) ctx.addIssue({ code: 'custom', path: ['table'], message: 'Required' })
      if (!v.column) ctx.addIssue({ code: 'custom', path: ['column'], message: 'Required' })
    } else {
      if (!v.namePattern) ctx.addIssue({ code: 'custom', path: ['namePattern'], message: 'Required' })
      else {
        try {
          new RegExp(v.namePattern)
        } catch {
          ctx.addIssue({ code: 'custom', path: ['namePattern'], message: 'Not a valid regular expression' })
        }
      }
    }
  })

export type PolicyValues = z.infer<typeof policySchema>

export const emptyPolicy: PolicyValues = {
  name: '',
  scope: 'column',
  connectionId: '',
  database: '',
  schema: '',
  table: '',
  column: '',
  namePattern: '',
  typePattern: '',
  mask: 'REDACT',
  keepFirst: 0,
  keepLast: 0,
}

const blank = (s: string) => (s.trim() === '' ? undefined : s.trim())

export function toDraft(v: PolicyValues): PolicyDraft {
  const column = v.scope === 'column'
  return {
    name: v.name.trim(),
    connectionId: v.connectionId || undefined,
    database: column ? blank(v.database) : undefined,
    schema: column ? blank(v.schema) : undefined,
    table: column ? blank(v.table) : undefined,
    column: column ? blank(v.column) : undefined,
    namePattern: column ? undefined : blank(v.namePattern),
    typePattern: column ? undefined : blank(v.typePattern),
    mask: v.mask,
    keepFirst: v.mask === 'PARTIAL' ? v.keepFirst : 0,
    keepLast: v.mask === 'PARTIAL' ? v.keepLast : 0,
  }
}

/** The policy a suggestion of the PII finder proposes: that column, on that connection. */
export function suggestionDraft(connectionId: string, s: PiiSuggestion): PolicyDraft {
  return {
    name: `${s.table}.${s.column} (${s.kind.toLowerCase().replace('_', ' ')})`,
    connectionId,
    database: s.database,
    schema: s.schema,
    table: s.table,
    column: s.column,
    mask: s.suggestedMask,
    keepFirst: s.keepFirst,
    keepLast: s.keepLast,
  }
}

/** What a policy masks, in a line. */
export function target(p: MaskingPolicy) {
  if (p.column) return [p.database, p.schema, p.table, p.column].filter(Boolean).join('.')
  return `columns named /${p.namePattern}/${p.typePattern ? ` of type ~${p.typePattern}` : ''}`
}
