// User and configuration problems: one line on stderr, a documented exit code, no stack (KONFORM_DEBUG=1 shows it).
// A finding about the target is never a KonformError: it is a failed check.

export const EXIT = {
  OK: 0, // every must-check passed
  CHECK_FAILED: 1, // a must-check failed or ended in error
  USAGE: 2, // usage or configuration error
  UNREACHABLE: 3, // the target could not be reached
} as const

export class KonformError extends Error {
  readonly exitCode: 2 | 3
  constructor(message: string, exitCode: 2 | 3 = 2) {
    super(message)
    this.name = 'KonformError'
    this.exitCode = exitCode
  }
}

/** A one-line description of any thrown value, for reasons and error lines. */
export function oneLine(err: unknown): string {
  let msg: string
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause
    msg = err.message || err.name
    if (cause instanceof Error && cause.message && !msg.includes(cause.message)) msg += `: ${cause.message}`
    const code = (err as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code
    if (typeof code === 'string' && !msg.includes(code)) msg += ` (${code})`
  } else {
    msg = String(err)
  }
  return msg.replace(/\s+/g, ' ').trim().slice(0, 500)
}
