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
export type AlertRuleDraft = Schemas['AlertRuleDraft']
export type ConnectionPreview = Present<Schemas['ConnectionPreview'], 'firstFiredAt'>
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
