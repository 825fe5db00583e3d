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
          <AlertDialogTitle>Delete “{connection?.name}”?</AlertDialogTitle>
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
