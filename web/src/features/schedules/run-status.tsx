import { Badge } from '@/components/ui/badge'
import type { RunStatus } from './types'

const variants = { RUNNING: 'accent', SUCCEEDED: 'success', FAILED: 'destructive' } as const
const labels: Record<RunStatus, string> = { RUNNING: 'Running', SUCCEEDED: 'Succeeded', FAILED: 'Failed' }

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <Badge variant={variants[status]} data-testid="run-status">
      {labels[status]}
    </Badge>
  )
}
