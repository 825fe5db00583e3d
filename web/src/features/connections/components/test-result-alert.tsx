import { CircleCheck, CircleX } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import type { TestResult } from '@/lib/api-types'
import { failureLabels } from '../engines'

export function describeSuccess(r: TestResult) {
  const product = [r.serverProduct, r.serverVersion].filter(Boolean).join(' ')
  return `${product || 'Connected'} · ${r.latencyMillis} ms`
}

export function failureTitle(r: TestResult) {
  return failureLabels[r.category ?? 'UNKNOWN'] ?? 'Connection failed'
}

export function TestResultAlert({ result, note }: { result: TestResult; note?: string }) {
  if (result.success) {
    return (
      <Alert variant="success" data-testid="test-result" data-success="true">
        <CircleCheck />
        <AlertTitle>Connection succeeded</AlertTitle>
        <AlertDescription>
          <p>
            {[result.serverProduct, result.serverVersion].filter(Boolean).join(' ') || 'The server answered'} · responded in{' '}
            <span className="font-medium tabular-nums">{result.latencyMillis} ms</span>
          </p>
        </AlertDescription>
      </Alert>
    )
  }
  return (
    <Alert variant="destructive" data-testid="test-result" data-success="false">
      <CircleX />
      <AlertTitle>{failureTitle(result)}</AlertTitle>
      <AlertDescription>
        {result.message && <p className="break-words">{result.message}</p>}
        {note && <p className="text-xs opacity-80">{note}</p>}
      </AlertDescription>
    </Alert>
  )
}
