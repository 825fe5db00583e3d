import { Badge } from '@/components/ui/badge'
import type { Role } from '@/lib/api-types'
import { roleLabels } from './current-user'

const variants = { ADMIN: 'accent', OPERATOR: 'secondary', VIEWER: 'muted' } as const

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  return (
    <Badge variant={variants[role]} className={className}>
      {roleLabels[role]}
    </Badge>
  )
}
