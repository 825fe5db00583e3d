import { useNavigate } from 'react-router'
import { ChevronsUpDown, CircleUser, LogOut } from 'lucide-react'
import { toast } from 'sonner'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'
import { useLogout } from '@/features/auth/api'
import { useCurrentUser } from '@/features/auth/current-user'
import { RoleBadge } from '@/features/auth/role-badge'
import { initials } from '@/lib/utils'

export function UserMenu() {
  const user = useCurrentUser()
  const logout = useLogout()
  const navigate = useNavigate()
  const onLogout = () =>
    logout.mutate(undefined, {
      onSuccess: () => toast.success('Logged out'),
      onSettled: () => navigate('/login', { replace: true }),
    })
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex items-center gap-2 rounded-md py-1 pr-2 pl-1 text-left text-sm outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/40"
        aria-label={`Account menu for ${user.username}`}
        data-testid="user-menu"
      >
        <span className="flex size-7 items-center justify-center rounded-full bg-primary/12 text-xs font-semibold text-primary">
          {initials(user.username)}
        </span>
        <span className="hidden max-w-32 truncate font-medium sm:inline">{user.username}</span>
        <RoleBadge role={user.role} className="hidden sm:inline-flex" />
        <ChevronsUpDown className="size-3.5 text-muted-foreground" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        <DropdownMenuLabel className="flex items-center justify-between gap-2 font-normal">
          <div className="grid min-w-0">
            <span className="truncate font-medium">{user.username}</span>
            <span className="text-xs text-muted-foreground">Signed in</span>
          </div>
          <RoleBadge role={user.role} />
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => navigate('/profile')}>
          <CircleUser /> Profile &amp; tokens
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={onLogout} data-testid="logout">
          <LogOut /> Log out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
