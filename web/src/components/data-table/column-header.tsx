import { ArrowDown, ArrowUp, ChevronsUpDown } from 'lucide-react'
import { cn } from '@/lib/utils'

/** A sortable column's header: the title as a button with an arrow for the current direction. */
export function ColumnHeader({
  title,
  direction,
  onSort,
}: {
  title: React.ReactNode
  direction: 'asc' | 'desc' | null
  onSort: () => void
}) {
  const Icon = direction === 'asc' ? ArrowUp : direction === 'desc' ? ArrowDown : ChevronsUpDown
  return (
    <button
      type="button"
      onClick={onSort}
      className={cn(
        '-ml-1.5 inline-flex h-7 items-center gap-1 rounded-md px-1.5 uppercase outline-none hover:bg-muted hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/40',
        direction && 'text-foreground',
      )}
    >
      {title}
      <Icon className={cn('size-3.5', !direction && 'opacity-50')} aria-hidden />
    </button>
  )
}
