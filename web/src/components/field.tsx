import * as React from 'react'
import { cn } from '@/lib/utils'
import { Label } from '@/components/ui/label'

interface FieldProps {
  id: string
  label: React.ReactNode
  error?: string
  hint?: React.ReactNode
  className?: string
  /** Optional element shown right of the label (e.g. a toggle). */
  aside?: React.ReactNode
  children: React.ReactElement<Record<string, unknown>>
}

/** Label + control + hint/error, wiring id, aria-invalid and aria-describedby into the control. */
export function Field({ id, label, error, hint, className, aside, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined
  const control = React.cloneElement(children, {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  })
  return (
    <div className={cn('grid gap-1.5', className)} data-invalid={error ? true : undefined}>
      <div className="flex min-h-4 items-center justify-between gap-2">
        <Label htmlFor={id} className={cn(error && 'text-destructive')}>
          {label}
        </Label>
        {aside}
      </div>
      {control}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  )
}
