import type { Problem } from './api-types'

/** A failed API call, parsed from an RFC 9457 problem body where there is one. */
export class ApiError extends Error {
  readonly status: number
  readonly title: string
  readonly detail: string
  /** field → reason, from the problem's `errors[]` (bean validation / InvalidInput). */
  readonly fieldErrors: Record<string, string>
  readonly retryAfterSeconds: number | null
  /** The problem's type URI (e.g. ending in `second-factor-required`), if the body had one. */
  readonly type: string | null

  constructor(status: number, problem: Problem | null, retryAfter: string | null = null) {
    const detail = problem?.detail ?? problem?.title ?? defaultDetail(status)
    super(detail)
    this.name = 'ApiError'
    this.status = status
    this.title = problem?.title ?? defaultDetail(status)
    this.type = problem?.type ?? null
    this.detail = detail
    this.fieldErrors = Object.fromEntries((problem?.errors ?? []).map((e) => [e.field, sentence(e.reason)]))
    const seconds = retryAfter == null ? NaN : Number.parseInt(retryAfter, 10)
    this.retryAfterSeconds = Number.isFinite(seconds) ? seconds : null
  }
}

/** "must not be blank" → "Must not be blank", to read as a message under a field */
function sentence(reason: string) {
  return reason ? reason[0].toUpperCase() + reason.slice(1) : reason
}

function defaultDetail(status: number) {
  if (status === 0) return 'The server could not be reached'
  if (status === 401) return 'You are not logged in'
  if (status === 403) return 'Your role does not allow this action'
  if (status === 404) return 'Not found'
  if (status >= 500) return 'The server failed to answer this request'
  return `Request failed (${status})`
}

export function errorMessage(error: unknown) {
  if (error instanceof ApiError) return error.detail
  if (error instanceof Error) return error.message
  return String(error)
}

const XSRF_COOKIE = 'XSRF-TOKEN'
const XSRF_HEADER = 'X-XSRF-TOKEN'
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('='))
  }
  return null
}

let csrfPending: Promise<void> | null = null

/** Makes sure the XSRF-TOKEN cookie exists (the server sets it on GET /api/auth/csrf). */
export function ensureCsrf(force = false): Promise<void> {
  if (!force && readCookie(XSRF_COOKIE)) return Promise.resolve()
  csrfPending ??= fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(() => undefined)
    .catch(() => undefined)
    .finally(() => {
      csrfPending = null
    })
  return csrfPending
}

type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Sent as is (a file's bytes, application/octet-stream) instead of a JSON body. */
  raw?: Blob
  signal?: AbortSignal
}

function withQuery(path: string, query?: Query) {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

let lastContact = Date.now()

/** When the server last answered a call of this page: each call restarts the session's idle timeout. */
export function lastServerContact() {
  return lastContact
}

/** A role that must use two-factor sign-in, not yet enrolled: only the Profile's enrolment is open. */
function redirectToEnrolment() {
  if (window.location.pathname === '/profile') return
  window.location.assign('/profile')
}

function redirectToLogin() {
  const here = window.location.pathname + window.location.search
  if (window.location.pathname === '/login') return
  window.location.assign(`/login?next=${encodeURIComponent(here)}`)
}

async function send(method: string, path: string, options: RequestOptions, retried = false): Promise<Response> {
  const mutating = !SAFE.has(method)
  if (mutating) await ensureCsrf()
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (options.raw !== undefined) headers['Content-Type'] = 'application/octet-stream'
  if (mutating) {
    const token = readCookie(XSRF_COOKIE)
    if (token) headers[XSRF_HEADER] = token
  }
  let response: Response
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, null)
  }
  lastContact = Date.now()
  // A 403 on a mutation may be a stale CSRF token: fetch a fresh one and try once more (nothing happened yet).
  if (response.status === 403 && mutating && !retried) {
    await ensureCsrf(true)
    return send(method, path, options, true)
  }
  return response
}

async function parse<T>(response: Response, path: string): Promise<T> {
  if (response.ok) {
    if (response.status === 204) return undefined as T
    const text = await response.text()
    return (text ? JSON.parse(text) : undefined) as T
  }
  let problem: Problem | null
  try {
    const text = await response.text()
    problem = text ? (JSON.parse(text) as Problem) : null
  } catch {
    problem = null
  }
  if (response.status === 401 && !path.startsWith('/api/auth/')) redirectToLogin()
  if (response.status === 403 && problem?.type?.endsWith('/two-factor-enrolment-required')) redirectToEnrolment()
  throw new ApiError(response.status, problem, response.headers.get('Retry-After'))
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options)
  return parse<T>(response, path)
}

/**
 * POSTs {@code body} and saves the answer as a file, named by its Content-Disposition. A problem answer throws
 * an ApiError like any call; a download cut off by the server rejects (the browser saw a failed transfer).
 */
export async function downloadPost(path: string, body: unknown, fallbackName: string): Promise<string> {
  const response = await send('POST', path, { body })
  if (!response.ok) return parse<never>(response, path)
  const blob = await response.blob()
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const name = fileName(disposition) ?? fallbackName
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return name
}

function fileName(disposition: string): string | null {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (encoded) return decodeURIComponent(encoded[1])
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1] : null
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** POSTs a file's bytes as the request body (streamed to disk by the server). */
  upload: <T>(path: string, file: Blob, query?: Query) => request<T>('POST', path, { raw: file, query }),
  request,
}
