import { cn } from '@/lib/utils'
import { LEVEL_CLASS, type AlertLevel } from './types'

/** An alert level in its colour: critical red, error orange, warning amber, info blue. */
export function LevelBadge({ level, className }: { level: AlertLevel; className?: string }) {
  return (
    <span
      className={cn('inline-flex w-fit items-center rounded-md border px-2 py-0.5 text-xs font-semibold', LEVEL_CLASS[level], className)}
      data-testid="alert-level"
    >
      {level.toLowerCase()}
    </span>
  )
}
