import * as React from 'react'
import { basicSetup, EditorView } from 'codemirror'
import { Compartment, EditorState, Prec } from '@codemirror/state'
import { keymap } from '@codemirror/view'
import { MySQL, PostgreSQL, SQLite, sql, StandardSQL, type SQLDialect, type SQLNamespace } from '@codemirror/lang-sql'
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete'
import { statementAt } from './workspace-text'

const dialects: Record<string, SQLDialect> = { postgresql: PostgreSQL, mysql: MySQL, sqlite: SQLite }

/** The engine's console dialect (from its traits) as CodeMirror's; plain SQL for any other. */
export function dialectFor(consoleDialect: string | undefined) {
  return dialects[consoleDialect ?? ''] ?? StandardSQL
}

export interface SqlEditorHandle {
  /** The selection when there is one, else the statement at the cursor. */
  textToRun: () => string
  /** The whole script. */
  wholeText: () => string
  setText: (text: string) => void
  focus: () => void
}

/**
 * Completion from the catalog: schemas and tables up front, a table's columns fetched when `table.` is typed, and
 * the columns of the tables the statement at the cursor names (FROM, JOIN …) without a prefix.
 */
export interface EditorCompletion {
  namespace: SQLNamespace
  defaultSchema?: string
  columns?: (before: string) => Promise<string[] | null>
  statementColumns?: (statement: string) => Promise<{ label: string; detail: string }[] | null>
}

/** How much text around the cursor is searched for the statement (a huge script is not scanned whole per key). */
const AROUND = 20_000

/** The columns of the statement's tables, for a word typed without a `table.` prefix. */
function unqualifiedSource(statementColumns: NonNullable<EditorCompletion['statementColumns']>) {
  return async (ctx: CompletionContext): Promise<CompletionResult | null> => {
    if (ctx.matchBefore(/[\w$]*\.[\w$]*$/)) return null
    const word = ctx.matchBefore(/[\w$]+$/)
    if (!word && !ctx.explicit) return null
    const from = Math.max(0, ctx.pos - AROUND)
    const text = ctx.state.sliceDoc(from, Math.min(ctx.state.doc.length, ctx.pos + AROUND))
    const statement = statementAt(text, ctx.pos - from)
    if (!statement) return null
    const options = await statementColumns(statement.text)
    if (!options || options.length === 0) return null
    return {
      from: word ? word.from : ctx.pos,
      options: options.map((o) => ({ label: o.label, type: 'property', detail: o.detail, boost: 2 })),
      validFor: /^[\w$]*$/,
    }
  }
}

interface Props {
  dialect: string | undefined
  initialText: string
  /** Runs the selection or statement at the cursor ({@code whole}: the whole script). */
  onRun: (whole: boolean) => void
  onChange?: (text: string) => void
  completion?: EditorCompletion
}

function sqlLanguage(dialect: string | undefined, completion: EditorCompletion | undefined) {
  const language = sql({
    dialect: dialectFor(dialect),
    schema: completion?.namespace,
    defaultSchema: completion?.defaultSchema,
    upperCaseKeywords: true,
  })
  const columns = completion?.columns
  const extra = completion?.statementColumns ? [language.language.data.of({ autocomplete: unqualifiedSource(completion.statementColumns) })] : []
  if (!columns) return [language, ...extra]
  const source = async (ctx: CompletionContext): Promise<CompletionResult | null> => {
    const word = ctx.matchBefore(/[\w$]*\.[\w$]*$/)
    if (!word) return null
    const before = ctx.state.sliceDoc(Math.max(0, ctx.pos - 200), ctx.pos)
    const names = await columns(before)
    if (!names || names.length === 0) return null
    const dot = word.text.lastIndexOf('.')
    return { from: word.from + dot + 1, options: names.map((n) => ({ label: n, type: 'property' })) }
  }
  return [language, language.language.data.of({ autocomplete: source }), ...extra]
}

/**
 * CodeMirror 6 with the connection's SQL dialect and catalog completion; Ctrl/Cmd+Enter runs the selection or the
 * statement at the cursor, Shift+Enter the whole script.
 */
export const SqlEditor = React.forwardRef<SqlEditorHandle, Props>(function SqlEditor(
  { dialect, initialText, onRun, onChange, completion },
  ref,
) {
  const host = React.useRef<HTMLDivElement>(null)
  const view = React.useRef<EditorView | null>(null)
  const language = React.useRef(new Compartment())
  const callbacks = React.useRef({ onRun, onChange })
  React.useEffect(() => {
    callbacks.current = { onRun, onChange }
  })
  const initial = React.useRef(initialText)

  React.useEffect(() => {
    const run = () => {
      callbacks.current.onRun(false)
      return true
    }
    const runAll = () => {
      callbacks.current.onRun(true)
      return true
    }
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial.current,
        extensions: [
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run }, { key: 'Shift-Enter', run: runAll }])),
          basicSetup,
          language.current.of(sql({ dialect: StandardSQL })),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) callbacks.current.onChange?.(u.state.doc.toString())
          }),
          EditorView.theme({ '&': { height: '100%' }, '.cm-scroller': { fontFamily: 'var(--font-mono, monospace)' } }),
          EditorView.contentAttributes.of({ 'aria-label': 'SQL editor', 'data-testid': 'sql-editor' }),
        ],
      }),
    })
    view.current = editor
    return () => {
      editor.destroy()
      view.current = null
    }
  }, [])

  React.useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sqlLanguage(dialect, completion)) })
  }, [dialect, completion])

  React.useImperativeHandle(ref, () => ({
    textToRun: () => {
      const editor = view.current
      if (!editor) return ''
      const selected = editor.state.selection.ranges
        .filter((r) => !r.empty)
        .map((r) => editor.state.sliceDoc(r.from, r.to))
        .join('\n')
      if (selected.trim()) return selected
      const text = editor.state.doc.toString()
      return statementAt(text, editor.state.selection.main.head)?.text ?? text
    },
    wholeText: () => view.current?.state.doc.toString() ?? '',
    setText: (text: string) => {
      const editor = view.current
      editor?.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } })
    },
    focus: () => view.current?.focus(),
  }))

  return <div ref={host} className="h-full min-h-40 overflow-hidden rounded-md border bg-background text-sm" />
})
