import * as React from 'react'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Textarea } from '@/components/ui/textarea'
import { errorMessage } from '@/lib/api'
import { useSaveQuery } from './api'
import type { SavedChart, SavedQuery, SavedQueryVisibility } from './types'

interface Props {
  open: boolean
  onOpenChange: (open: boolean) => void
  connectionId: string
  database: string | undefined
  sql: string
  /** The saved query the editor was opened from, if the caller may change it: saving then updates it. */
  editing: SavedQuery | null
  /** The chart shown, kept with the query; null when the result is shown as a grid. */
  chart: SavedChart | null
  onSaved: (saved: SavedQuery) => void
}

/** Saves the editor's text as a saved query (new, or over the one it was opened from). */
export function SaveQueryDialog({ open, onOpenChange, connectionId, database, sql, editing, chart, onSaved }: Props) {
  const save = useSaveQuery()
  // mounted per save: the form starts from the query the editor was opened from, if any
  const [name, setName] = React.useState(editing?.name ?? '')
  const [description, setDescription] = React.useState(editing?.description ?? '')
  const [visibility, setVisibility] = React.useState<SavedQueryVisibility>(editing?.visibility ?? 'PRIVATE')
  const [asNew, setAsNew] = React.useState(!editing)

  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    save.mutate(
      {
        id: asNew ? undefined : editing?.id,
        draft: { name, description: description || undefined, connectionId, database, sql, visibility, chart },
      },
      {
        onSuccess: (saved) => {
          onSaved(saved)
          onOpenChange(false)
        },
      },
    )
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{editing && !asNew ? 'Update saved query' : 'Save query'}</DialogTitle>
        </DialogHeader>
        <form onSubmit={submit} className="space-y-3" aria-label="Save query">
          <div className="space-y-1">
            <Label htmlFor="saved-name">Name</Label>
            <Input id="saved-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} required />
          </div>
          <div className="space-y-1">
            <Label htmlFor="saved-description">Description</Label>
            <Textarea id="saved-description" value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
          </div>
          <fieldset className="flex gap-4 text-sm">
            <label className="flex items-center gap-1">
              <input type="radio" name="visibility" checked={visibility === 'PRIVATE'} onChange={() => setVisibility('PRIVATE')} />
              Private
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="visibility" checked={visibility === 'SHARED'} onChange={() => setVisibility('SHARED')} />
              Shared with everyone (read-only for them)
            </label>
          </fieldset>
          {editing && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={asNew} onChange={(e) => setAsNew(e.target.checked)} /> Save as a new query
            </label>
          )}
          {chart && (
            <p className="text-xs text-muted-foreground" data-testid="saved-chart-note">
              The {chart.type.toLowerCase()} chart of {chart.ys.join(', ')} by {chart.x} is kept with the query.
            </p>
          )}
          {save.error && <p className="text-sm text-destructive">{errorMessage(save.error)}</p>}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={save.isPending || !name.trim()}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
