import * as React from 'react'
import { basicSetup, EditorView } from 'codemirror'
import { Compartment, EditorState, Prec } from '@codemirror/state'
import { keymap } from '@codemirror/view'
import { MySQL, PostgreSQL, SQLite, sql, StandardSQL, type SQLDialect } from '@codemirror/lang-sql'

const dialects: Record<string, SQLDialect> = { postgresql: PostgreSQL, mysql: MySQL, sqlite: SQLite }

/** The engine's console dialect (from its traits) as CodeMirror's; plain SQL for any other. */
export function dialectFor(consoleDialect: string | undefined) {
  return dialects[consoleDialect ?? ''] ?? StandardSQL
}

export interface SqlEditorHandle {
  /** The selection when there is one, else the whole text. */
  textToRun: () => string
  setText: (text: string) => void
  focus: () => void
}

interface Props {
  dialect: string | undefined
  initialText: string
  onRun: () => void
  onChange?: (text: string) => void
}

/** CodeMirror 6 with the connection's SQL dialect; Ctrl/Cmd+Enter runs. */
export const SqlEditor = React.forwardRef<SqlEditorHandle, Props>(function SqlEditor(
  { dialect, initialText, onRun, onChange },
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
      callbacks.current.onRun()
      return true
    }
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial.current,
        extensions: [
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run }])),
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
    view.current?.dispatch({ effects: language.current.reconfigure(sql({ dialect: dialectFor(dialect) })) })
  }, [dialect])

  React.useImperativeHandle(ref, () => ({
    textToRun: () => {
      const editor = view.current
      if (!editor) return ''
      const selected = editor.state.selection.ranges
        .filter((r) => !r.empty)
        .map((r) => editor.state.sliceDoc(r.from, r.to))
        .join('\n')
      return selected.trim() ? selected : editor.state.doc.toString()
    },
    setText: (text: string) => {
      const editor = view.current
      editor?.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } })
    },
    focus: () => view.current?.focus(),
  }))

  return <div ref={host} className="h-full min-h-40 overflow-hidden rounded-md border bg-background text-sm" />
})
