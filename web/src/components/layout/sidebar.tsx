import { NavLink } from 'react-router'
import { cn } from '@/lib/utils'
import { Hint } from '@/components/ui/tooltip'
import { useCurrentUser } from '@/features/auth/current-user'
import { Logo } from './logo'
import { navGroups } from './nav'

export function SidebarNav({ collapsed = false, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  const user = useCurrentUser()
  return (
    <nav aria-label="Main" className="flex flex-1 flex-col gap-5 overflow-y-auto px-3 py-4">
      {navGroups.map((group) => {
        const items = group.items.filter((item) => !item.adminOnly || user.isAdmin)
        if (items.length === 0) return null
        return (
          <div key={group.label} className="grid gap-1">
            <div
              className={cn(
                'px-2 pb-1 text-[11px] font-medium tracking-wider text-muted-foreground/80 uppercase transition-opacity',
                collapsed && 'sr-only',
              )}
            >
              {group.label}
            </div>
            {items.map((item) => {
              const link = (
                <NavLink
                  key={item.to}
                  to={item.to}
                  end={item.to === '/'}
                  onClick={onNavigate}
                  className={({ isActive }) =>
                    cn(
                      'flex h-9 items-center gap-3 rounded-md px-2.5 text-sm font-medium text-sidebar-foreground transition-colors outline-none hover:bg-sidebar-accent hover:text-sidebar-accent-foreground focus-visible:ring-[3px] focus-visible:ring-ring/40',
                      isActive && 'bg-sidebar-accent text-sidebar-accent-foreground [&>svg]:text-primary',
                      collapsed && 'justify-center px-0',
                    )
                  }
                >
                  <item.icon className="size-4 shrink-0" aria-hidden />
                  <span className={cn(collapsed && 'sr-only')}>{item.title}</span>
                </NavLink>
              )
              return collapsed ? (
                <Hint key={item.to} label={item.title} side="right">
                  {link}
                </Hint>
              ) : (
                link
              )
            })}
          </div>
        )
      })}
    </nav>
  )
}

export function SidebarBrand({ collapsed = false }: { collapsed?: boolean }) {
  return (
    <div className={cn('flex h-14 shrink-0 items-center gap-2.5 border-b border-sidebar-border px-4', collapsed && 'justify-center px-0')}>
      <Logo className="size-7" />
      {!collapsed && (
        <div className="leading-tight">
          <div className="text-sm font-semibold tracking-tight">Steward</div>
          <div className="text-[11px] text-muted-foreground">Database management</div>
        </div>
      )}
    </div>
  )
}

export function Sidebar({ collapsed }: { collapsed: boolean }) {
  return (
    <aside
      data-collapsed={collapsed}
      className={cn(
        'sticky top-0 hidden h-dvh shrink-0 flex-col border-r border-sidebar-border bg-sidebar transition-[width] duration-200 md:flex',
        collapsed ? 'w-16' : 'w-60',
      )}
    >
      <SidebarBrand collapsed={collapsed} />
      <SidebarNav collapsed={collapsed} />
      <div className={cn('border-t border-sidebar-border px-4 py-3 text-[11px] text-muted-foreground', collapsed && 'sr-only')}>
        Steward · self-hosted
      </div>
    </aside>
  )
}
