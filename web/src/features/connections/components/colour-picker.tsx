import { Check } from 'lucide-react'
import { cn } from '@/lib/utils'

export const swatches = [
  { value: '#64748b', name: 'Slate' },
  { value: '#336791', name: 'Postgres blue' },
  { value: '#3b82f6', name: 'Blue' },
  { value: '#8b5cf6', name: 'Violet' },
  { value: '#14b8a6', name: 'Teal' },
  { value: '#13aa52', name: 'Green' },
  { value: '#eab308', name: 'Amber' },
  { value: '#f97316', name: 'Orange' },
  { value: '#ef4444', name: 'Red' },
  { value: '#ec4899', name: 'Pink' },
]

/** A radio group of colour swatches; the engine's default is offered first when it is not in the set. */
export function ColourPicker({
  value,
  onChange,
  engineColour,
  labelledBy,
}: {
  value: string
  onChange: (colour: string) => void
  engineColour: string
  labelledBy: string
}) {
  const options = swatches.some((s) => s.value.toLowerCase() === engineColour.toLowerCase())
    ? swatches
    : [{ value: engineColour, name: 'Engine default' }, ...swatches]
  const all =
    value && !options.some((s) => s.value.toLowerCase() === value.toLowerCase())
      ? [{ value, name: 'Current' }, ...options]
      : options
  const selectedIndex = Math.max(0, all.findIndex((s) => s.value.toLowerCase() === value.toLowerCase()))

  const move = (delta: number) => {
    const next = all[(selectedIndex + delta + all.length) % all.length]
    onChange(next.value)
    requestAnimationFrame(() => document.getElementById(`swatch-${next.value.slice(1)}`)?.focus())
  }

  return (
    <div role="radiogroup" aria-labelledby={labelledBy} className="flex flex-wrap gap-2">
      {all.map((s, i) => {
        const selected = i === selectedIndex
        return (
          <button
            key={s.value}
            id={`swatch-${s.value.slice(1)}`}
            type="button"
            role="radio"
            aria-checked={selected}
            aria-label={s.name}
            title={s.name}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(s.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
                e.preventDefault()
                move(1)
              } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
                e.preventDefault()
                move(-1)
              }
            }}
            style={{ backgroundColor: s.value }}
            className={cn(
              'flex size-7 items-center justify-center rounded-full ring-offset-2 ring-offset-card transition-shadow outline-none focus-visible:ring-2 focus-visible:ring-ring',
              selected && 'ring-2 ring-foreground/70',
            )}
          >
            {selected && <Check className="size-3.5 text-white drop-shadow" strokeWidth={3} />}
          </button>
        )
      })}
    </div>
  )
}
