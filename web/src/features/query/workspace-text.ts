// Pure text helpers of the SQL workspace (tested in workspace-text.test.ts).

export interface StatementRange {
  from: number
  to: number
  text: string
}

/**
 * The statements of a script, split on `;` outside quotes ('…', "…", `…`), comments (--, #, /* *\/) and
 * PostgreSQL dollar quotes ($tag$…$tag$). Only to find the statement at the cursor: the server splits what it
 * runs with the engine's own rules.
 */
export function splitStatements(text: string): StatementRange[] {
  const out: StatementRange[] = []
  let start = 0
  let i = 0
  const push = (end: number) => {
    const raw = text.slice(start, end)
    const lead = raw.length - raw.trimStart().length
    const trimmed = raw.trim()
    if (trimmed) out.push({ from: start + lead, to: start + lead + trimmed.length, text: trimmed })
  }
  while (i < text.length) {
    const c = text[i]
    const next = text[i + 1]
    if (c === "'" || c === '"' || c === '`') {
      i++
      while (i < text.length && text[i] !== c) i += text[i] === '\\' && c !== '"' ? 2 : 1
      i++
    } else if ((c === '-' && next === '-') || c === '#') {
      while (i < text.length && text[i] !== '\n') i++
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2)
      i = end < 0 ? text.length : end + 2
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))
      if (tag) {
        const end = text.indexOf(tag[0], i + tag[0].length)
        i = end < 0 ? text.length : end + tag[0].length
      } else i++
    } else if (c === ';') {
      push(i)
      start = i + 1
      i++
    } else i++
  }
  push(text.length)
  return out
}

/** The statement the cursor is in (or just after, before the next one starts); null for an empty script. */
export function statementAt(text: string, cursor: number): StatementRange | null {
  const all = splitStatements(text)
  if (all.length === 0) return null
  let best = all[0]
  for (const s of all) {
    if (s.from <= cursor) best = s
  }
  return best
}

/** sql-formatter's language for an engine's console dialect (from its traits); undefined: no formatting. */
export function formatterLanguage(consoleDialect: string | undefined): 'postgresql' | 'mariadb' | 'sqlite' | 'sql' | undefined {
  switch (consoleDialect) {
    case 'postgresql':
      return 'postgresql'
    case 'mysql':
      return 'mariadb'
    case 'sqlite':
      return 'sqlite'
    case 'sql':
      return 'sql'
    default:
      return undefined
  }
}

/** A value as copied: NULL as the empty string would be ambiguous, so it is written NULL. */
function copied(value: string | null) {
  return value === null ? 'NULL' : value
}

/** A row as tab-separated text. */
export function rowText(row: (string | null)[]) {
  return row.map(copied).join('\t')
}

/** One column of the rows fetched so far, a value per line, its name first. */
export function columnText(name: string, rows: (string | null)[][], index: number) {
  return [name, ...rows.map((r) => copied(r[index] ?? null))].join('\n')
}

export interface CompletionMapLike {
  schemas: { name: string; tables: { name: string }[] }[]
}

/**
 * CodeMirror lang-sql's schema namespace: every schema with its tables (columns come later, per table); tables of
 * the default schema also at the top level, so unqualified names complete.
 */
export function completionNamespace(map: CompletionMapLike | undefined, defaultSchema: string | undefined) {
  const namespace: Record<string, Record<string, string[]> | string[]> = {}
  if (!map) return namespace
  for (const schema of map.schemas) {
    const tables: Record<string, string[]> = {}
    for (const t of schema.tables) tables[t.name] = []
    namespace[schema.name] = tables
  }
  const fallback = map.schemas.length === 1 ? map.schemas[0].name : defaultSchema
  const own = map.schemas.find((s) => s.name === fallback)
  if (own) for (const t of own.tables) if (!(t.name in namespace)) namespace[t.name] = []
  return namespace
}

/** The schema and table a `name.` (or `schema.name.`) before the cursor refers to, from the completion map. */
export function tableBeforeDot(
  map: CompletionMapLike | undefined,
  before: string,
  defaultSchema: string | undefined,
): { schema: string; table: string } | null {
  const m = /(?:([A-Za-z_][\w$]*)\.)?([A-Za-z_][\w$]*)\.\w*$/.exec(before)
  if (!m || !map) return null
  const [, schemaName, tableName] = m
  const schemas = schemaName ? map.schemas.filter((s) => s.name === schemaName) : map.schemas
  const ordered = [...schemas].sort((a, b) => (a.name === defaultSchema ? -1 : b.name === defaultSchema ? 1 : 0))
  for (const s of ordered) {
    if (s.tables.some((t) => t.name === tableName)) return { schema: s.name, table: tableName }
  }
  return null
}

/** Words that end a FROM list's table reference rather than alias it. */
const CLAUSE_WORDS = new Set([
  'where', 'join', 'inner', 'left', 'right', 'full', 'cross', 'natural', 'outer', 'on', 'using', 'group', 'order',
  'having', 'limit', 'offset', 'union', 'intersect', 'except', 'window', 'set', 'values', 'returning', 'for', 'lateral',
  'fetch', 'as', 'select', 'from', 'straight_join',
])

type Token = { kind: 'name'; parts: string[] } | { kind: 'punct'; text: string }

/** Names (dotted, each part bare or quoted with "…" or `…`) and punctuation; strings and comments dropped. */
function tokens(text: string): Token[] {
  const out: Token[] = []
  let i = 0
  const readPart = (): string | null => {
    const c = text[i]
    if (c === '"' || c === '`') {
      const end = text.indexOf(c, i + 1)
      if (end < 0) return null
      const part = text.slice(i + 1, end)
      i = end + 1
      return part
    }
    const m = /^[A-Za-z_][\w$]*/.exec(text.slice(i, i + 256))
    if (!m) return null
    i += m[0].length
    return m[0]
  }
  while (i < text.length) {
    const c = text[i]
    const next = text[i + 1]
    if (/\s/.test(c)) i++
    else if (c === "'") {
      i++
      while (i < text.length && !(text[i] === "'" && text[i + 1] !== "'")) i += text[i] === "'" ? 2 : 1
      i++
    } else if ((c === '-' && next === '-') || c === '#') {
      while (i < text.length && text[i] !== '\n') i++
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2)
      i = end < 0 ? text.length : end + 2
    } else if (c === '"' || c === '`' || /[A-Za-z_]/.test(c)) {
      const parts: string[] = []
      let part = readPart()
      while (part !== null) {
        parts.push(part)
        if (text[i] !== '.') break
        i++
        part = readPart()
      }
      if (parts.length === 0) i++
      else out.push({ kind: 'name', parts })
    } else {
      out.push({ kind: 'punct', text: c })
      i++
    }
  }
  return out
}

export interface TableRef { schema?: string; table: string; alias?: string }

/**
 * The tables a statement reads or writes: after FROM (a comma-separated list), JOIN, UPDATE and INTO, each with its
 * alias. A rough reading of the text, for completion only: subqueries are skipped, not parsed.
 */
export function tablesInStatement(statement: string): TableRef[] {
  const t = tokens(statement)
  const out: TableRef[] = []
  const word = (k: number) => {
    const tok = t[k]
    return tok?.kind === 'name' && tok.parts.length === 1 ? tok.parts[0].toLowerCase() : null
  }
  const readRef = (k: number): number => {
    const tok = t[k]
    if (tok?.kind !== 'name' || CLAUSE_WORDS.has(word(k) ?? '')) return k
    const parts = tok.parts
    const ref: TableRef = parts.length >= 2 ? { schema: parts[parts.length - 2], table: parts[parts.length - 1] } : { table: parts[0] }
    let j = k + 1
    if (word(j) === 'as') j++
    const alias = t[j]
    if (alias?.kind === 'name' && alias.parts.length === 1 && !CLAUSE_WORDS.has(alias.parts[0].toLowerCase())) {
      ref.alias = alias.parts[0]
      j++
    }
    out.push(ref)
    return j
  }
  for (let k = 0; k < t.length && out.length < 16; k++) {
    const w = word(k)
    if (w === 'join' || w === 'update' || w === 'into') readRef(k + 1)
    else if (w === 'from') {
      let j = readRef(k + 1)
      while (t[j]?.kind === 'punct' && (t[j] as { text: string }).text === ',') j = readRef(j + 1)
    }
  }
  return out
}

/** The statement's tables found in the completion map (default schema first for unqualified names), once each. */
export function resolveTables(map: CompletionMapLike | undefined, refs: TableRef[], defaultSchema: string | undefined) {
  const out: { schema: string; table: string }[] = []
  if (!map) return out
  const ordered = [...map.schemas].sort((a, b) => (a.name === defaultSchema ? -1 : b.name === defaultSchema ? 1 : 0))
  for (const ref of refs) {
    const schemas = ref.schema ? ordered.filter((s) => s.name === ref.schema) : ordered
    // exact first; else as an unquoted name folds (Film finds film on PostgreSQL, FILM on others)
    const lower = ref.table.toLowerCase()
    let hit: { schema: string; table: string } | undefined
    for (const exact of [true, false]) {
      for (const s of schemas) {
        const t = s.tables.find((x) => (exact ? x.name === ref.table : x.name.toLowerCase() === lower))
        if (t) {
          hit = { schema: s.name, table: t.name }
          break
        }
      }
      if (hit) break
    }
    if (hit && !out.some((o) => o.schema === hit.schema && o.table === hit.table)) out.push(hit)
  }
  return out
}
