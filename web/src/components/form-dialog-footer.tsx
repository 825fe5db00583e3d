import type { LucideIcon } from 'lucide-react'
import { Spinner } from '@/components/spinner'
import { Button } from '@/components/ui/button'
import { DialogFooter } from '@/components/ui/dialog'

/** Cancel and submit for a form inside a dialog; the submit button shows a spinner while the request runs. */
export function FormDialogFooter({
  label,
  icon: Icon,
  pending,
  onCancel,
}: {
  label: string
  icon: LucideIcon
  pending: boolean
  onCancel: () => void
}) {
  return (
    <DialogFooter>
      <Button variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner /> : <Icon />} {label}
      </Button>
    </DialogFooter>
  )
}
