import * as React from 'react'
import { toast } from 'sonner'
import { Trash2 } from 'lucide-react'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Spinner } from '@/components/spinner'
import { useChanged, useRetained } from '@/hooks/use-retained'
import { errorMessage } from '@/lib/api'
import { formatBytes } from '@/lib/format'
import { useDeleteBackup } from './api'
import type { BackupView } from './types'

/** The server deletes only when `confirm` repeats the file name, so the user types (or pastes) it here. */
export function DeleteBackupDialog({ backup, onOpenChange }: { backup: BackupView | null; onOpenChange: (open: boolean) => void }) {
  const remove = useDeleteBackup()
  const b = useRetained(backup)
  const [typed, setTyped] = React.useState('')
  if (useChanged(backup) && backup) setTyped('')
  const matches = b != null && typed.trim() === b.fileName

  const confirm = (e: React.FormEvent) => {
    e.preventDefault()
    if (!backup || !matches) return
    remove.mutate(
      { backup, confirm: backup.fileName },
      {
        onSuccess: () => {
          toast.success('Backup deleted', { description: backup.fileName })
          onOpenChange(false)
        },
        onError: (err) => toast.error('Could not delete the backup', { description: errorMessage(err) }),
      },
    )
  }

  return (
    <AlertDialog open={backup != null} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <form onSubmit={confirm} className="grid gap-4">
          <AlertDialogHeader>
            <AlertDialogTitle>Delete this backup?</AlertDialogTitle>
            <AlertDialogDescription>
              The stored file{b?.storedSize != null ? ` (${formatBytes(b.storedSize)})` : ''} and its manifest are removed
              from {b?.storageTarget === 'local' ? 'the local backup directory' : `the ${b?.storageTarget} storage`}. This
              cannot be undone.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <div className="grid gap-2">
            <Label htmlFor="delete-backup-confirm" className="font-normal">
              Type the file name to confirm:
            </Label>
            <code className="rounded-md bg-muted px-2.5 py-1.5 font-mono text-xs break-all select-all">{b?.fileName}</code>
            <Input
              id="delete-backup-confirm"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              className="font-mono text-xs"
              aria-invalid={typed !== '' && !matches ? true : undefined}
            />
          </div>
          <AlertDialogFooter>
            <AlertDialogCancel type="button">Cancel</AlertDialogCancel>
            <Button type="submit" variant="destructive" disabled={!matches || remove.isPending} data-testid="confirm-delete-backup">
              {remove.isPending ? <Spinner /> : <Trash2 />} Delete backup
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  )
}
