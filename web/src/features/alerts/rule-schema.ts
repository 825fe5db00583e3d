import { z } from 'zod'
import type { AlertRuleDraft, AlertRuleView } from './types'
import { isEventMetric, isTargetMetric } from './types'

const number = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .refine((v) => Number.isFinite(Number(v)), `${label} must be a number`)

const wholeNumber = (label: string, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d+$/.test(v) && Number(v) <= max, `${label}: a whole number from 0 to ${max.toLocaleString('en')}`)

export const ruleSchema = z
  .object({
    name: z.string().trim().min(1, 'Name is required').max(100),
    metric: z.string().min(1, 'Pick a metric or event'),
    comparison: z.enum(['ABOVE', 'BELOW']),
    threshold: number('Threshold'),
    hysteresis: z
      .string()
      .trim()
      .refine((v) => v === '' || (Number.isFinite(Number(v)) && Number(v) >= 0), 'Hysteresis: a number, 0 or more'),
    forSeconds: wholeNumber('Duration', 86_400),
    level: z.enum(['CRITICAL', 'ERROR', 'WARNING', 'INFO']),
    scope: z.enum(['ALL', 'CONNECTION', 'TAG', 'TARGET']),
    scopeValue: z.string().trim().max(100),
    channelIds: z.array(z.string()).max(20),
    renotifyMinutes: wholeNumber('Re-notify interval', 10_080),
    enabled: z.boolean(),
    windowMinutes: z
      .string()
      .trim()
      .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 10_080, 'Window: 1 to 10,080 minutes'),
  })
  .superRefine((v, ctx) => {
    if (v.scope !== 'ALL' && v.scopeValue === '') {
      const what = v.scope === 'TAG' ? 'Name the tag' : v.scope === 'TARGET' ? 'Pick a storage target' : 'Pick a connection'
      ctx.addIssue({ code: 'custom', path: ['scopeValue'], message: what })
    }
    if (isTargetMetric(v.metric) !== (v.scope === 'TARGET') && v.scope !== 'ALL') {
      ctx.addIssue({ code: 'custom', path: ['scope'], message: isTargetMetric(v.metric) ? 'Every target or one target' : 'Targets only for the storage-target checks' })
    }
  })

export type RuleValues = z.infer<typeof ruleSchema>

export function defaultValues(rule?: AlertRuleView): RuleValues {
  return {
    name: rule?.name ?? '',
    metric: rule?.metric ?? 'latency',
    comparison: rule?.comparison ?? 'ABOVE',
    threshold: String(rule?.threshold ?? 1000),
    hysteresis: rule ? String(rule.hysteresis) : '',
    forSeconds: String(rule?.forSeconds ?? 120),
    level: rule?.level ?? 'WARNING',
    scope: rule?.scope ?? 'ALL',
    scopeValue: rule?.scopeValue ?? '',
    channelIds: rule?.channelIds ?? [],
    renotifyMinutes: String(rule?.renotifyMinutes ?? 60),
    enabled: rule?.enabled ?? true,
    windowMinutes: String(rule?.windowMinutes ?? 60),
  }
}

export function toDraft(v: RuleValues): AlertRuleDraft {
  return {
    name: v.name.trim(),
    metric: v.metric,
    comparison: v.comparison,
    threshold: Number(v.threshold),
    hysteresis: v.hysteresis === '' ? undefined : Number(v.hysteresis),
    forSeconds: isEventMetric(v.metric) ? 0 : Number(v.forSeconds),
    level: v.level,
    scope: v.scope,
    scopeValue: v.scope === 'ALL' ? undefined : v.scopeValue.trim(),
    channelIds: v.channelIds,
    renotifyMinutes: Number(v.renotifyMinutes),
    enabled: v.enabled,
    windowMinutes: v.metric === 'job_failures' ? Number(v.windowMinutes) : undefined,
  }
}

/** "fired 3 times" / "would not have fired", for the preview line. */
export function firesText(fires: number) {
  if (fires === 0) return 'would not have fired'
  return fires === 1 ? 'would have fired once' : `would have fired ${fires} times`
}
