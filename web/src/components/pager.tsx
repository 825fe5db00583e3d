import { ChevronLeft, ChevronRight } from 'lucide-react'
import { Button } from '@/components/ui/button'

/** The footer of a paged table: "21–40 of 95", page n of m, previous/next. Pages are 0-based, as in the API. */
export function Pager({
  data: { page, size, items, totalElements, totalPages },
  onPage,
}: {
  data: { page: number; size: number; items: readonly unknown[]; totalElements: number; totalPages: number }
  onPage: (page: number) => void
}) {
  const shown = items.length
  return (
    <div className="flex items-center justify-between gap-3 border-t px-4 py-3 text-sm text-muted-foreground">
      <span>
        {page * size + 1}–{page * size + shown} of {totalElements}
      </span>
      <div className="flex items-center gap-2">
        <span className="hidden sm:inline">
          Page {page + 1} of {Math.max(1, totalPages)}
        </span>
        <Button
          variant="outline"
          size="icon-sm"
          onClick={() => onPage(page - 1)}
          disabled={page === 0}
          aria-label="Previous page"
        >
          <ChevronLeft />
        </Button>
        <Button
          variant="outline"
          size="icon-sm"
          onClick={() => onPage(page + 1)}
          disabled={page + 1 >= totalPages}
          aria-label="Next page"
        >
          <ChevronRight />
        </Button>
      </div>
    </div>
  )
}
