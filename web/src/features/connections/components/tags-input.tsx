import * as React from 'react'
import { X } from 'lucide-react'
import { cn } from '@/lib/utils'
import { TAG_PATTERN } from '../schema'

interface TagsInputProps {
  id?: string
  value: string[]
  onChange: (tags: string[]) => void
  max?: number
  'aria-invalid'?: boolean
  'aria-describedby'?: string
}

/** Type a tag and press Enter or comma; Backspace on an empty input removes the last one. */
export function TagsInput({ id, value, onChange, max = 20, ...aria }: TagsInputProps) {
  const [draft, setDraft] = React.useState('')
  const [problem, setProblem] = React.useState<string | null>(null)

  const commit = () => {
    const tag = draft.trim()
    if (!tag) return
    if (!TAG_PATTERN.test(tag)) {
      setProblem('Use 1–40 letters, digits, space, _ . -')
      return
    }
    if (value.some((t) => t.toLowerCase() === tag.toLowerCase())) {
      setDraft('')
      return
    }
    if (value.length >= max) {
      setProblem(`At most ${max} tags`)
      return
    }
    onChange([...value, tag])
    setDraft('')
    setProblem(null)
  }

  return (
    <div>
      <div
        className={cn(
          'flex min-h-9 w-full flex-wrap items-center gap-1.5 rounded-md border border-input bg-card px-2 py-1.5 shadow-xs transition-[box-shadow,border-color] focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/30 dark:bg-input/20',
          (aria['aria-invalid'] || problem) && 'border-destructive',
        )}
      >
        {value.map((tag) => (
          <span
            key={tag}
            className="inline-flex items-center gap-1 rounded-md bg-secondary py-0.5 pr-1 pl-2 text-xs font-medium text-secondary-foreground"
          >
            {tag}
            <button
              type="button"
              onClick={() => onChange(value.filter((t) => t !== tag))}
              className="rounded-sm p-0.5 text-muted-foreground hover:bg-background hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50 focus-visible:outline-none"
              aria-label={`Remove tag ${tag}`}
            >
              <X className="size-3" />
            </button>
          </span>
        ))}
        <input
          id={id}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value)
            setProblem(null)
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault()
              commit()
            } else if (e.key === 'Backspace' && draft === '' && value.length > 0) {
              onChange(value.slice(0, -1))
            }
          }}
          onBlur={commit}
          placeholder={value.length === 0 ? 'production, reporting…' : ''}
          className="min-w-24 flex-1 bg-transparent px-1 text-sm outline-none placeholder:text-muted-foreground/80"
          {...aria}
        />
      </div>
      {problem && <p className="mt-1.5 text-xs font-medium text-destructive">{problem}</p>}
    </div>
  )
}
