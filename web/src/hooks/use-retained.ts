import * as React from 'react'

/**
 * The value, or while it is null the last non-null one: a dialog keeps showing its subject while it animates
 * closed after the parent cleared it. State rather than a ref, so render stays pure.
 */
export function useRetained<T>(value: T | null | undefined): T | null {
  const [kept, setKept] = React.useState<T | null>(value ?? null)
  if (value != null && value !== kept) setKept(value)
  return value ?? kept
}

/** True in the render where `value` differs from the previous render's (to reset state then, not in an effect). */
export function useChanged<T>(value: T): boolean {
  const [previous, setPrevious] = React.useState(value)
  if (Object.is(previous, value)) return false
  setPrevious(value)
  return true
}
