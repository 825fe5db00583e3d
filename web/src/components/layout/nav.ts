import { Activity, BellRing, ClipboardCheck, EyeOff, Siren, HardDrive, CalendarClock, Cable, CircleUser, DatabaseBackup, FolderTree, LayoutDashboard, ListChecks, ScrollText, ShieldCheck, SquareTerminal, Users, type LucideIcon } from 'lucide-react'

export interface NavItem {
  title: string
  to: string
  icon: LucideIcon
  adminOnly?: boolean
}

export interface NavGroup {
  label: string
  items: NavItem[]
}

export const navGroups: NavGroup[] = [
  {
    label: 'Overview',
    items: [
      { title: 'Dashboard', to: '/', icon: LayoutDashboard },
      { title: 'Connections', to: '/connections', icon: Cable },
      { title: 'Database browser', to: '/browser', icon: FolderTree },
      { title: 'Query', to: '/query', icon: SquareTerminal },
      { title: 'Monitoring', to: '/monitoring', icon: Activity },
      { title: 'Alerts', to: '/alerts', icon: Siren },
      { title: 'Backups', to: '/backups', icon: DatabaseBackup },
      { title: 'Schedules', to: '/schedules', icon: CalendarClock },
      { title: 'Jobs', to: '/jobs', icon: ListChecks },
    ],
  },
  {
    label: 'Administration',
    items: [
      { title: 'Users', to: '/users', icon: Users, adminOnly: true },
      { title: 'Security settings', to: '/security', icon: ShieldCheck, adminOnly: true },
      { title: 'Storage targets', to: '/storage-targets', icon: HardDrive },
      { title: 'Notifications', to: '/notifications', icon: BellRing, adminOnly: true },
      { title: 'Masking policies', to: '/masking', icon: EyeOff, adminOnly: true },
      { title: 'Audit log', to: '/audit', icon: ScrollText },
      { title: 'Compliance', to: '/compliance', icon: ClipboardCheck, adminOnly: true },
    ],
  },
  {
    label: 'Account',
    items: [{ title: 'Profile', to: '/profile', icon: CircleUser }],
  },
]

export function titleFor(pathname: string) {
  for (const group of navGroups) {
    for (const item of group.items) {
      if (item.to === '/' ? pathname === '/' : pathname.startsWith(item.to)) return item.title
    }
  }
  return 'Steward'
}
