// A finding about the target. Thrown (or collected) by checks; the runner turns it into status 'fail'.
// Messages are bilingual: { en, sv }. A plain string is still accepted (English only, e.g. a value shown as is in
// expected/actual); a finding whose message is a plain string has no Swedish text and the Swedish report falls back
// to English — test/checks/swedish-messages.test.ts fails on such a finding (rule "every finding speaks Swedish").

import type { Bilingual, Failure } from './result.js'

/** A text a check writes into a report: { en, sv }, or a plain string (language-neutral data, or English only). */
export type Text = string | Bilingual

export const enText = (t: Text): string => (typeof t === 'string' ? t : t.en)
export const svText = (t: Text): string => (typeof t === 'string' ? t : t.sv)
export const isBilingual = (t: Text | undefined): t is Bilingual => typeof t === 'object' && t !== null

export interface FailureDetail {
  expected?: Text
  actual?: Text
  evidence?: string[]
}

/** The Failure of results.json: English in message/expected/actual, Swedish in `sv` when the message has it. */
export function toFailure(message: Text, detail: FailureDetail = {}): Failure {
  const f: Failure = {
    message: enText(message),
    ...(detail.expected !== undefined ? { expected: enText(detail.expected) } : {}),
    ...(detail.actual !== undefined ? { actual: enText(detail.actual) } : {}),
    evidence: detail.evidence ?? [],
  }
  if (isBilingual(message)) {
    f.sv = {
      message: message.sv,
      ...(detail.expected !== undefined ? { expected: svText(detail.expected) } : {}),
      ...(detail.actual !== undefined ? { actual: svText(detail.actual) } : {}),
    }
  }
  return f
}

/** A finding's text in the report's language (English when it has no Swedish). */
export function failureIn(f: Failure, lang: 'en' | 'sv'): { message: string; expected?: string; actual?: string } {
  if (lang === 'sv' && f.sv) return { message: f.sv.message, expected: f.sv.expected ?? f.expected, actual: f.sv.actual ?? f.actual }
  return { message: f.message, expected: f.expected, actual: f.actual }
}

export class CheckFailure extends Error {
  readonly text: Text
  readonly detail: FailureDetail
  readonly expected?: string
  readonly actual?: string
  readonly evidence: string[]
  constructor(message: Text, detail: FailureDetail = {}) {
    super(enText(message))
    this.name = 'CheckFailure'
    this.text = message
    this.detail = detail
    this.expected = detail.expected === undefined ? undefined : enText(detail.expected)
    this.actual = detail.actual === undefined ? undefined : enText(detail.actual)
    this.evidence = detail.evidence ?? []
  }

  toFailure(): Failure {
    return toFailure(this.text, this.detail)
  }
}

/** A problem of the tool or the run (not a finding): the runner turns it into status 'error'. */
export class CheckError extends Error {
  readonly text: Text
  constructor(message: Text) {
    super(enText(message))
    this.name = 'CheckError'
    this.text = message
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
  readonly text: Text
  constructor(reason: Text) {
    super(enText(reason))
    this.name = 'CheckSkip'
    this.text = reason
  }
}
