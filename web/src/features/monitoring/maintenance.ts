/** "a.b, c" → [{schema: a, name: b}, {name: c}]: the first dot separates the schema. */
export function parseTables(text: string): { schema?: string; name: string }[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map((t) => {
      const dot = t.indexOf('.')
      return dot > 0 ? { schema: t.slice(0, dot), name: t.slice(dot + 1) } : { name: t }
    })
}
