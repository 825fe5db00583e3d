import { cn } from '@/lib/utils'

/** Steward's mark: a stacked-cylinder database on the accent colour. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={cn('size-8 shrink-0', className)} aria-hidden>
      <rect width="32" height="32" rx="8" className="fill-primary" />
      <g fill="none" strokeWidth="2.2" className="stroke-primary-foreground">
        <ellipse cx="16" cy="9.5" rx="7.5" ry="3" />
        <path d="M8.5 9.5v6.5c0 1.7 3.4 3 7.5 3s7.5-1.3 7.5-3V9.5M8.5 16v6.5c0 1.7 3.4 3 7.5 3s7.5-1.3 7.5-3V16" />
      </g>
    </svg>
  )
}
