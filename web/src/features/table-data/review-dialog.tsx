import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import type { Statement } from './api'

function literal(v: string | null) {
  return v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`
}

/** The statements the server will run, placeholders with the values bound to them, before Apply. */
export function ReviewDialog({ statements, open, onOpenChange, onApply, applying, error }: {
  statements: Statement[]
  open: boolean
  onOpenChange: (open: boolean) => void
  onApply: () => void
  applying: boolean
  error: string | null
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-3xl">
        <DialogHeader>
          <DialogTitle>Review SQL</DialogTitle>
          <DialogDescription>
            Runs in one transaction; a row changed since it was read refuses the whole set and nothing is written.
          </DialogDescription>
        </DialogHeader>
        <div className="max-h-[50vh] space-y-2 overflow-auto rounded-md border bg-muted/40 p-3 font-mono text-xs" data-testid="review-sql">
          {statements.map((s, i) => (
            <div key={i}>
              <div className="whitespace-pre-wrap break-all">{s.sql};</div>
              {s.params.length > 0 && (
                <div className="text-muted-foreground">-- values: {s.params.map(literal).join(', ')}</div>
              )}
            </div>
          ))}
        </div>
        {error && <p className="text-sm text-destructive" data-testid="apply-error">{error}</p>}
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)}>Close</Button>
          <Button onClick={onApply} disabled={applying}>{applying ? 'Applying…' : 'Apply'}</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  )
}
