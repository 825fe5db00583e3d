import { toast } from 'sonner'
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog'
import { useRetained } from '@/hooks/use-retained'
import type { ConnectionView } from '@/lib/api-types'
import { errorMessage } from '@/lib/api'
import { useDeleteConnection } from '../api'

export function DeleteConnectionDialog({
  connection,
  onOpenChange,
}: {
  connection: ConnectionView | null
  onOpenChange: (open: boolean) => void
}) {
  const remove = useDeleteConnection()
  // keeps the name on screen while the dialog animates closed
  const shown = useRetained(connection)
  const confirm = () => {
    if (!connection) return
    remove.mutate(connection, {
      onSuccess: () => toast.success(`Deleted “${connection.name}”`),
      onError: (e) => toast.error(`Could not delete “${connection.name}”`, { description: errorMessage(e) }),
    })
  }
  return (
    <AlertDialog open={connection != null} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete “{shown?.name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            Steward forgets this connection’s settings and stored credentials. The database itself is not touched. This
            cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={confirm}>
            Delete connection
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  )
}
