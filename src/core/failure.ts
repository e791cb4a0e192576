// A finding about the target. Thrown (or collected) by checks; the runner turns it into status 'fail'.

export interface FailureDetail {
  expected?: string
  actual?: string
  evidence?: string[]
}

export class CheckFailure extends Error {
  readonly expected?: string
  readonly actual?: string
  readonly evidence: string[]
  constructor(message: string, detail: FailureDetail = {}) {
    super(message)
    this.name = 'CheckFailure'
    this.expected = detail.expected
    this.actual = detail.actual
    this.evidence = detail.evidence ?? []
  }
}

/** A problem of the tool or the run (not a finding): the runner turns it into status 'error'. */
export class CheckError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CheckError'
  }
}

/** Renders a value for `expected`/`actual`: short, one line where possible. */
export function show(v: unknown, max = 300): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  if (s === undefined) return String(v)
  return s.length > max ? `${s.slice(0, max)}… (${s.length} chars)` : s
}

/** The check cannot be exercised on this target (e.g. too little data): reported as skip with the reason. */
export class CheckSkip extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'CheckSkip'
  }
}
