// Alert API bodies, derived from the generated OpenAPI schema.
import type { components } from '@/lib/api-schema'

type Schemas = components['schemas']

type Present<T, Absent extends keyof T = never> = { [K in Exclude<keyof T, Absent>]-?: NonNullable<T[K]> } & {
  [K in Absent]?: NonNullable<T[K]> | null
}

export type AlertLevel = NonNullable<Schemas['AlertView']['level']>
export type AlertState = NonNullable<Schemas['AlertView']['state']>

export type AlertView = Present<
  Schemas['AlertView'],
  | 'connectionId'
  | 'lastValue'
  | 'firedAt'
  | 'resolvedAt'
  | 'lastNotifiedAt'
  | 'acknowledgedAt'
  | 'acknowledgedBy'
  | 'ackComment'
  | 'silencedUntil'
  | 'silencedBy'
>

export type AlertRuleView = Present<Schemas['AlertRuleView'], 'scopeValue'>
export type AlertScope = AlertRuleView['scope']
export type AlertRuleDraft = Schemas['AlertRuleDraft']
export type ConnectionPreview = Present<Schemas['ConnectionPreview'], 'firstFiredAt' | 'connectionId' | 'value'>
export type AlertPreview = Omit<Present<Schemas['AlertPreview'], 'note'>, 'connections'> & { connections: ConnectionPreview[] }

export const LEVELS: AlertLevel[] = ['CRITICAL', 'ERROR', 'WARNING', 'INFO']

/** Level colours: red, orange, amber, blue — the same everywhere an alert shows. */
export const LEVEL_CLASS: Record<AlertLevel, string> = {
  CRITICAL: 'border-red-600/30 bg-red-600/15 text-red-700 dark:text-red-400',
  ERROR: 'border-orange-500/30 bg-orange-500/15 text-orange-700 dark:text-orange-400',
  WARNING: 'border-amber-500/30 bg-amber-500/15 text-amber-700 dark:text-amber-400',
  INFO: 'border-sky-500/30 bg-sky-500/15 text-sky-700 dark:text-sky-400',
}

export const LEVEL_DOT: Record<AlertLevel, string> = {
  CRITICAL: 'bg-red-600',
  ERROR: 'bg-orange-500',
  WARNING: 'bg-amber-500',
  INFO: 'bg-sky-500',
}

/** Where an alert is in the page's tabs: open and not acknowledged, acknowledged, or resolved. */
export type AlertTab = 'open' | 'acknowledged' | 'resolved'

export function tabOf(a: Pick<AlertView, 'state' | 'acknowledgedAt'>): AlertTab {
  if (a.state === 'RESOLVED') return 'resolved'
  return a.acknowledgedAt ? 'acknowledged' : 'open'
}

export const EVENT_METRICS = ['backup_failed', 'test_restore_failed'] as const

export function isEventMetric(metric: string) {
  return (EVENT_METRICS as readonly string[]).includes(metric)
}

/** Check rules: evaluated on an interval over current state (backup age, certificates, target space, failed jobs). */
export const CHECK_METRICS = [
  'hours_since_backup',
  'cert_days_left',
  'target_free_percent',
  'target_free_bytes',
  'job_failures',
] as const

/** What each check measures, in the dialog's words, and its usual comparison and threshold. */
export const CHECK_INFO: Record<(typeof CHECK_METRICS)[number], { label: string; unit: string; comparison: 'ABOVE' | 'BELOW'; threshold: number }> = {
  hours_since_backup: { label: 'No successful backup for', unit: 'hours', comparison: 'ABOVE', threshold: 26 },
  cert_days_left: { label: 'Server certificate expires within', unit: 'days', comparison: 'BELOW', threshold: 14 },
  target_free_percent: { label: 'Storage target free space below', unit: '%', comparison: 'BELOW', threshold: 10 },
  target_free_bytes: { label: 'Storage target free space below', unit: 'bytes', comparison: 'BELOW', threshold: 10 * 1024 ** 3 },
  job_failures: { label: 'Failed jobs in the window more than', unit: 'jobs', comparison: 'ABOVE', threshold: 2 },
}

export function isCheckMetric(metric: string): metric is (typeof CHECK_METRICS)[number] {
  return (CHECK_METRICS as readonly string[]).includes(metric)
}

/** The storage-target checks watch targets (all, or one), not connections. */
export function isTargetMetric(metric: string) {
  return metric === 'target_free_percent' || metric === 'target_free_bytes'
}
