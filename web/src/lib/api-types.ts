// Hand-written from the API contract (API.md). Replace with the generated api-schema.d.ts once it exists.

export type Role = 'ADMIN' | 'OPERATOR' | 'VIEWER'

export interface Me {
  id: string
  username: string
  role: Role
}

export interface CsrfToken {
  headerName: string
  token: string
}

export interface LoginRequest {
  username: string
  password: string
}

export interface ChangePasswordRequest {
  currentPassword: string
  newPassword: string
}

export interface Page<T> {
  items: T[]
  page: number
  size: number
  totalElements: number
  totalPages: number
}

// Users
export interface UserView {
  id: string
  username: string
  role: Role
  enabled: boolean
  createdAt: string
  updatedAt: string
}

export interface CreateUserRequest {
  username: string
  password: string
  role: Role
}

export interface UpdateUserRequest {
  role?: Role
  enabled?: boolean
}

// API tokens
export interface TokenView {
  id: string
  name: string
  prefix: string
  createdAt: string
  lastUsedAt?: string | null
  expiresAt?: string | null
  revokedAt?: string | null
}

export interface CreateTokenRequest {
  name: string
  expiresInDays?: number | null
}

export interface CreatedToken {
  id: string
  name: string
  prefix: string
  token: string
  createdAt: string
  expiresAt?: string | null
}

// Audit
export type AuditOutcome = 'SUCCESS' | 'FAILURE' | 'DENIED'

export interface AuditRecordView {
  seq: number
  occurredAt: string
  actor: string
  sourceIp: string | null
  action: string
  targetType: string | null
  targetId: string | null
  outcome: AuditOutcome
  detail: string | null
}

export interface AuditQuery {
  actor?: string
  action?: string
  targetType?: string
  targetId?: string
  outcome?: AuditOutcome
  from?: string
  to?: string
  page?: number
  size?: number
}

export interface ChainVerification {
  intact: boolean
  checked: number
  brokenAtSeq?: number | null
  reason?: string | null
}

// Connections
export type Engine = 'POSTGRESQL' | 'MYSQL' | 'SQLITE' | 'MONGODB'
export type SslMode = 'DISABLE' | 'REQUIRE' | 'VERIFY_CA' | 'VERIFY_FULL'
export type FailureCategory =
  | 'HOST_UNREACHABLE'
  | 'TIMEOUT'
  | 'AUTHENTICATION_FAILED'
  | 'DATABASE_NOT_FOUND'
  | 'TLS_ERROR'
  | 'UNSUPPORTED_SERVER'
  | 'INVALID_SETTINGS'
  | 'UNKNOWN'

export interface ConnectionRequest {
  name?: string
  description?: string | null
  url?: string
  engine?: Engine
  host?: string | null
  port?: number | null
  database?: string | null
  username?: string | null
  password?: string | null
  clearPassword?: boolean
  sslMode?: SslMode
  caCertificate?: string | null
  filePath?: string | null
  colour?: string
  active?: boolean
  shared?: boolean
  tags?: string[]
}

export interface ConnectionView {
  id: string
  name: string
  description: string | null
  engine: Engine
  host: string | null
  port: number | null
  database: string | null
  username: string | null
  hasPassword: boolean
  sslMode: SslMode
  hasCaCertificate: boolean
  filePath: string | null
  url: string | null
  colour: string
  active: boolean
  shared: boolean
  tags: string[]
  owner: { id: string; username: string }
  editable: boolean
  createdAt: string
  updatedAt: string
  lastUsedAt: string | null
}

export interface TestResult {
  success: boolean
  latencyMillis: number
  serverProduct?: string | null
  serverVersion?: string | null
  category?: FailureCategory | null
  message?: string | null
}

export interface ParsedUrl {
  engine: Engine
  host: string | null
  port: number | null
  database: string | null
  username: string | null
  hasPassword: boolean
  sslMode: SslMode
  filePath: string | null
}

export interface EngineInfo {
  engine: Engine
  displayName: string
  defaultPort: number | null
  defaultColour: string
}

export interface ProblemFieldError {
  field: string
  reason: string
}

export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  errors?: ProblemFieldError[]
}
