// A throw-away, in-memory imitation of Steward's REST API (API.md) for working on the web app without
// the Java server: `npm run dev:mock` (serves :8099; vite proxies /api there). Not used by any build or test.
import http from 'node:http'
import { randomUUID } from 'node:crypto'

const PORT = Number(process.env.MOCK_PORT ?? 8099)
const now = () => new Date().toISOString()
const ago = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString()

const users = [
  { id: randomUUID(), username: 'admin', role: 'ADMIN', enabled: true, createdAt: ago(90000), updatedAt: ago(900), password: 'admin-password-1' },
  { id: randomUUID(), username: 'olga.ops', role: 'OPERATOR', enabled: true, createdAt: ago(40000), updatedAt: ago(40000), password: 'operator-password' },
  { id: randomUUID(), username: 'victor', role: 'VIEWER', enabled: true, createdAt: ago(20000), updatedAt: ago(20000), password: 'viewer-password-1', locked: true, lockedUntil: new Date(Date.now() + 600_000).toISOString() },
  { id: randomUUID(), username: 'intern', role: 'VIEWER', enabled: false, createdAt: ago(9000), updatedAt: ago(100), password: 'x'.repeat(12) },
]
// as GET /api/connections/engines answers: identity, defaults and what each engine can do
const flags = { networked: true, fileBased: false, poolsPerDatabase: false, schemas: false, dumpTableFilters: false,
  parallelRestore: false, usernameRequired: false, ddlLanguage: 'SQL', dumpConsistency: 'SNAPSHOT' }
const engineInfo = [
  { ...flags, engine: 'POSTGRESQL', displayName: 'PostgreSQL', defaultPort: 5432, defaultColour: '#336791',
    poolsPerDatabase: true, schemas: true, dumpTableFilters: true, parallelRestore: true, usernameRequired: true,
    consoleDialect: 'postgresql', urlForms: ['postgresql://', 'postgres://', 'jdbc:postgresql:'] },
  { ...flags, engine: 'MYSQL', displayName: 'MySQL / MariaDB', defaultPort: 3306, defaultColour: '#00758f',
    dumpTableFilters: true, usernameRequired: true, consoleDialect: 'mysql',
    urlForms: ['mysql://', 'mariadb://', 'jdbc:mysql://', 'jdbc:mariadb://'] },
  { ...flags, engine: 'SQLITE', displayName: 'SQLite', defaultPort: 0, defaultColour: '#0f80cc', networked: false,
    fileBased: true, consoleDialect: 'sqlite', urlForms: ['a SQLite file path', 'jdbc:sqlite:', 'sqlite://', 'file:'] },
  { ...flags, engine: 'MONGODB', displayName: 'MongoDB', defaultPort: 27017, defaultColour: '#4db33d',
    ddlLanguage: 'JSON', consoleDialect: 'mongodb-shell', dumpConsistency: 'LOGICAL',
    urlForms: ['mongodb://', 'mongodb+srv://'] },
]
const owner = { id: users[0].id, username: 'admin' }
const conn = (o) => ({
  id: randomUUID(), description: null, host: null, port: null, database: null, username: null, hasPassword: false,
  sslMode: 'DISABLE', hasCaCertificate: false, filePath: null, active: true, shared: true, tags: [], owner,
  editable: true, createdAt: ago(5000), updatedAt: ago(300), lastUsedAt: null, browseAllDatabases: o.database == null, ...o,
})
const connections = [
  conn({ name: 'Chinook (sample)', engine: 'SQLITE', filePath: '/var/lib/steward/data/chinook.db', colour: '#0f80cc', tags: ['sample'], description: 'The Chinook music store sample database.', lastUsedAt: ago(3) }),
  conn({ name: 'Orders production', engine: 'POSTGRESQL', host: 'pg-prod-1.internal', port: 5432, database: 'orders', username: 'steward', hasPassword: true, sslMode: 'VERIFY_FULL', colour: '#ef4444', tags: ['production', 'eu-west'], description: 'Primary OLTP cluster. Maintenance window Sunday 02:00 UTC.', lastUsedAt: ago(42) }),
  conn({ name: 'Orders staging', engine: 'POSTGRESQL', host: 'pg-stage.internal', port: 5433, database: 'orders', username: 'steward', hasPassword: true, colour: '#eab308', tags: ['staging'], lastUsedAt: ago(60 * 26) }),
  conn({ name: 'Legacy shop', engine: 'MYSQL', host: 'mariadb-01.internal', port: 3306, database: 'shop', username: 'readonly', hasPassword: true, colour: '#c0762a', tags: ['legacy'], active: false }),
  conn({ name: 'Event store', engine: 'MONGODB', host: 'mongo.internal', port: 27017, database: 'events', username: 'events', hasPassword: true, sslMode: 'REQUIRE', colour: '#13aa52', shared: false, tags: ['analytics'], lastUsedAt: ago(60 * 24 * 9) }),
  conn({ name: 'Olga’s scratch', engine: 'POSTGRESQL', host: 'localhost', port: 5432, database: 'scratch', username: 'olga', colour: '#8b5cf6', shared: true, owner: { id: users[1].id, username: 'olga.ops' }, editable: false }),
]
const tokens = [
  { id: randomUUID(), name: 'nightly-backup', prefix: 'stw_8f3k', createdAt: ago(60 * 24 * 30), lastUsedAt: ago(600), expiresAt: new Date(Date.now() + 60 * 86400000).toISOString(), revokedAt: null },
  { id: randomUUID(), name: 'old-ci', prefix: 'stw_a1b2', createdAt: ago(60 * 24 * 200), lastUsedAt: null, expiresAt: null, revokedAt: ago(60 * 24 * 100) },
]
const actions = ['auth.login', 'auth.logout', 'connection.create', 'connection.update', 'connection.delete', 'connection.test', 'token.create', 'token.revoke', 'user.create', 'user.update']
const audit = Array.from({ length: 137 }, (_, i) => {
  const action = actions[i % actions.length]
  return {
    seq: 137 - i, occurredAt: ago(i * 37), actor: ['admin', 'olga.ops', 'victor'][i % 3], sourceIp: i % 5 ? '10.0.4.17' : '127.0.0.1',
    action, targetType: action.split('.')[0].toUpperCase(), targetId: action.startsWith('auth') ? null : randomUUID().slice(0, 8),
    outcome: i % 11 === 0 ? 'FAILURE' : i % 13 === 0 ? 'DENIED' : 'SUCCESS', detail: i % 11 === 0 ? 'Invalid username or password' : `${action} ok`,
  }
})

const sessions = new Map() // session id → user
let failures = 0

function problem(res, status, detail, errors) {
  res.writeHead(status, { 'Content-Type': 'application/problem+json', ...(status === 429 && { 'Retry-After': '30' }) })
  res.end(JSON.stringify({ type: 'about:blank', title: http.STATUS_CODES[status], status, detail, ...(errors && { errors }) }))
}
function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(body === undefined ? '' : JSON.stringify(body))
}
// eslint-disable-next-line no-unused-vars -- the password is left out of the view
const userView = ({ password, ...u }) => ({ locked: false, lockedUntil: null, ...u })
const cookies = (req) => Object.fromEntries((req.headers.cookie ?? '').split(';').filter(Boolean).map((c) => c.trim().split('=')))

function validateConnection(b, forTest) {
  const errors = []
  if (!forTest && !b.name?.trim()) errors.push({ field: 'name', reason: 'must not be blank' })
  if (b.url && b.host) errors.push({ field: 'host', reason: 'must be absent when url is given' })
  if (b.port != null && (b.port < 1 || b.port > 65535)) errors.push({ field: 'port', reason: 'must be between 1 and 65535' })
  if (b.engine === 'SQLITE' && b.filePath && !b.filePath.startsWith('/var/lib/steward')) errors.push({ field: 'filePath', reason: 'is outside the allowed directories' })
  if (b.name === 'taken') errors.push({ field: 'name', reason: 'is already used by another connection' })
  return errors
}
function parse(url) {
  const m = /^(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?):\/\/(?:([^:@/]+)(?::([^@/]*))?@)?([^:/?]+)(?::(\d+))?(?:\/([^?]*))?/.exec(url)
  if (!m) {
    if (url.startsWith('/') || url.startsWith('jdbc:sqlite:')) return { engine: 'SQLITE', host: null, port: null, database: null, username: null, hasPassword: false, sslMode: 'DISABLE', filePath: url.replace('jdbc:sqlite:', '') }
    return null
  }
  const engine = m[1].startsWith('postgres') ? 'POSTGRESQL' : m[1].startsWith('mongo') ? 'MONGODB' : 'MYSQL'
  return { engine, host: m[4], port: m[5] ? Number(m[5]) : null, database: m[6] || null, username: m[2] ?? null, hasPassword: m[3] != null, sslMode: /sslmode=require/.test(url) ? 'REQUIRE' : 'DISABLE', filePath: null }
}
function test(c) {
  const latencyMillis = 5 + Math.floor(Math.random() * 40)
  if (c.engine === 'SQLITE') return { success: true, latencyMillis, serverProduct: 'SQLite', serverVersion: '3.46.1' }
  if ((c.host ?? '').includes('prod') || (c.host ?? '') === 'localhost' || c.url?.includes('localhost')) return { success: true, latencyMillis, serverProduct: c.engine === 'MONGODB' ? 'MongoDB' : c.engine === 'MYSQL' ? 'MariaDB' : 'PostgreSQL', serverVersion: '16.4' }
  return { success: false, latencyMillis: 5000, category: 'HOST_UNREACHABLE', message: `Could not connect to ${c.host ?? 'the host'}: connection refused` }
}

http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x')
  const path = url.pathname
  let body = ''
  for await (const chunk of req) body += chunk
  const b = body ? JSON.parse(body) : {}
  const sid = cookies(req).STEWARD_SESSION
  const me = sessions.get(sid)
  await new Promise((r) => setTimeout(r, 150))
  const m = (method, pattern) => req.method === method && (typeof pattern === 'string' ? path === pattern : pattern.exec(path))

  if (m('GET', '/api/auth/csrf')) {
    res.setHeader('Set-Cookie', 'XSRF-TOKEN=mock-token; Path=/')
    return json(res, 200, { headerName: 'X-XSRF-TOKEN', token: 'mock-token' })
  }
  if (req.method !== 'GET' && req.headers['x-xsrf-token'] !== 'mock-token') return problem(res, 403, 'Missing or invalid CSRF token')
  if (m('POST', '/api/auth/login')) {
    if (failures >= 5) return problem(res, 429, 'Too many failed logins; try again in 30 seconds')
    const u = users.find((x) => x.username === b.username && x.password === b.password && x.enabled)
    if (!u) {
      failures++
      return problem(res, 401, 'Invalid username or password')
    }
    failures = 0
    const id = randomUUID()
    sessions.set(id, u)
    res.setHeader('Set-Cookie', `STEWARD_SESSION=${id}; Path=/; HttpOnly`)
    return json(res, 200, { id: u.id, username: u.username, role: u.role })
  }
  if (!me) return problem(res, 401, 'Log in or send a valid API token')
  const view = (c) => ({ ...c, editable: me.role === 'ADMIN' || (me.role === 'OPERATOR' && c.owner.id === me.id), url: c.engine === 'SQLITE' ? c.filePath : `${c.engine === 'POSTGRESQL' ? 'postgresql' : c.engine === 'MYSQL' ? 'mysql' : 'mongodb'}://${c.username ? c.username + '@' : ''}${c.host}${c.port ? ':' + c.port : ''}/${c.database ?? ''}` })
  const visible = () => connections.filter((c) => me.role === 'ADMIN' || c.shared || c.owner.id === me.id)
  if (m('POST', '/api/auth/logout')) {
    sessions.delete(sid)
    return json(res, 204)
  }
  if (m('POST', '/api/auth/sessions/revoke-others')) return json(res, 204)
  if (m('GET', '/api/auth/providers')) return json(res, 200, { passwordLogin: true, providers: [] })
  if (m('GET', '/api/auth/me')) return json(res, 200, { id: me.id, username: me.username, role: me.role })
  if (m('POST', '/api/auth/password')) {
    if (b.currentPassword !== me.password) return problem(res, 400, 'currentPassword: is wrong', [{ field: 'currentPassword', reason: 'is wrong' }])
    me.password = b.newPassword
    return json(res, 204)
  }
  if (m('GET', '/api/connections')) return json(res, 200, visible().map(view))
  if (m('GET', '/api/connections/engines')) return json(res, 200, engineInfo)
  if (m('POST', '/api/connections/parse-url')) {
    const p = parse(b.url ?? '')
    return p ? json(res, 200, p) : problem(res, 400, 'url: is not a supported connection string', [{ field: 'url', reason: 'is not a supported connection string' }])
  }
  if (m('POST', '/api/connections/test')) {
    const errors = validateConnection(b, true)
    if (errors.length) return problem(res, 400, 'invalid', errors)
    return json(res, 200, test(b.url ? { ...parse(b.url), url: b.url } : b))
  }
  if (me.role === 'VIEWER' && req.method !== 'GET' && path.startsWith('/api/connections')) return problem(res, 403, 'Forbidden')
  let hit
  if ((hit = m('POST', /^\/api\/connections\/([^/]+)\/test$/))) {
    const c = visible().find((x) => x.id === hit[1])
    if (!c) return problem(res, 404, 'Not found')
    c.lastUsedAt = now()
    return json(res, 200, test(c))
  }
  if (m('POST', '/api/connections')) {
    const errors = validateConnection(b, false)
    if (errors.length) return problem(res, 400, errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors)
    const fromUrl = b.url ? parse(b.url) : {}
    const c = conn({ ...b, ...fromUrl, url: undefined, password: undefined, hasPassword: !!b.password || !!fromUrl?.hasPassword, colour: b.colour ?? '#336791', owner: { id: me.id, username: me.username }, createdAt: now(), updatedAt: now(), shared: !!b.shared, active: b.active ?? true, tags: b.tags ?? [] })
    connections.push(c)
    return json(res, 201, view(c))
  }
  if ((hit = m('PUT', /^\/api\/connections\/([^/]+)$/))) {
    const c = visible().find((x) => x.id === hit[1])
    if (!c) return problem(res, 404, 'Not found')
    const errors = validateConnection(b, false)
    if (errors.length) return problem(res, 400, 'invalid', errors)
    const { password, clearPassword, url: u, caCertificate, ...rest } = b
    Object.assign(c, rest, u ? parse(u) : {}, { updatedAt: now() })
    if (password) c.hasPassword = true
    if (clearPassword) c.hasPassword = false
    if (caCertificate) c.hasCaCertificate = true
    return json(res, 200, view(c))
  }
  if ((hit = m('PATCH', /^\/api\/connections\/([^/]+)$/))) {
    const c = visible().find((x) => x.id === hit[1])
    if (!c) return problem(res, 404, 'Not found')
    if (c.name.includes('Legacy') && b.active) return problem(res, 409, 'Legacy shop is locked by the mock')
    c.active = b.active
    return json(res, 200, view(c))
  }
  if ((hit = m('DELETE', /^\/api\/connections\/([^/]+)$/))) {
    const i = connections.findIndex((x) => x.id === hit[1])
    if (i < 0) return problem(res, 404, 'Not found')
    connections.splice(i, 1)
    return json(res, 204)
  }
  if (m('GET', '/api/tokens')) return json(res, 200, tokens)
  if (m('POST', '/api/tokens')) {
    const t = { id: randomUUID(), name: b.name, prefix: 'stw_' + randomUUID().slice(0, 4), createdAt: now(), lastUsedAt: null, expiresAt: b.expiresInDays ? new Date(Date.now() + b.expiresInDays * 86400000).toISOString() : null, revokedAt: null }
    tokens.push(t)
    return json(res, 201, { ...t, token: t.prefix + randomUUID().replaceAll('-', '') })
  }
  if ((hit = m('DELETE', /^\/api\/tokens\/([^/]+)$/))) {
    const t = tokens.find((x) => x.id === hit[1])
    if (!t) return problem(res, 404, 'Not found')
    t.revokedAt = now()
    return json(res, 204)
  }
  if (path.startsWith('/api/users') && me.role !== 'ADMIN') return problem(res, 403, 'Forbidden')
  if (m('GET', '/api/users')) return json(res, 200, users.map(userView))
  if (m('POST', '/api/users')) {
    if (users.some((u) => u.username === b.username)) return problem(res, 409, `User ${b.username} already exists`)
    const u = { id: randomUUID(), ...b, enabled: true, createdAt: now(), updatedAt: now() }
    users.push(u)
    return json(res, 201, userView(u))
  }
  if ((hit = m('PATCH', /^\/api\/users\/([^/]+)$/))) {
    const u = users.find((x) => x.id === hit[1])
    Object.assign(u, b)
    return json(res, 200, userView(u))
  }
  if ((hit = m('POST', /^\/api\/users\/([^/]+)\/password$/))) {
    Object.assign(users.find((x) => x.id === hit[1]), { locked: false, lockedUntil: null })
    return json(res, 204)
  }
  if ((hit = m('POST', /^\/api\/users\/([^/]+)\/unlock$/))) {
    const u = users.find((x) => x.id === hit[1])
    Object.assign(u, { locked: false, lockedUntil: null })
    return json(res, 200, userView(u))
  }
  if (m('GET', '/api/audit/actions')) return json(res, 200, actions)
  if (m('GET', '/api/audit/verify')) return json(res, 200, { intact: true, checked: audit.length })
  if (m('GET', '/api/audit')) {
    const q = Object.fromEntries(url.searchParams)
    const page = Number(q.page ?? 0), size = Number(q.size ?? 50)
    const items = audit.filter((r) => (!q.actor || r.actor.includes(q.actor)) && (!q.action || r.action === q.action) && (!q.outcome || r.outcome === q.outcome) && (me.role === 'ADMIN' || r.actor === me.username))
    return json(res, 200, { items: items.slice(page * size, page * size + size), page, size, totalElements: items.length, totalPages: Math.ceil(items.length / size) })
  }
  return problem(res, 404, `No mock for ${req.method} ${path}`)
}).listen(PORT, '127.0.0.1', () => console.log(`mock Steward API on http://127.0.0.1:${PORT}`))
