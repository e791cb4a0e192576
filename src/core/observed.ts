// Every answer konform receives through CheckContext.call is judged against the schema the spec declares for its
// status code, whichever check asked for it. The runner keeps one ObservedAnswers per run; each context reports
// its calls here, where the body is validated at once (only the outcome is kept, never the body, so a long page
// walk costs no memory). A check that judges an answer's schema itself (API-SCHEMA-001..004: expectResponseSchema,
// judgeAnswer) marks it judged, and the run's reviewing check (API-SCHEMA-005, one result per operation, run after
// every other check) reports only the answers nobody judged: no finding is reported twice.

import type { HttpResponse } from '../http/client.js'
import type { Spec } from '../spec/load.js'
import type { Operation } from '../spec/operations.js'
import type { Exchange } from './result.js'

export interface ObservedAnswer {
  exchangeId: string
  checkName: string
  status: number
  /** The status key the spec declares for it ('200', 'default'), or undefined when the spec declares none. */
  declared?: string
  /** Schema errors (empty when the body matches or the status declares no body). */
  errors: string[]
  /** The exchange as recorded, kept only for an answer that does not match (the reviewing check cites it). */
  exchange?: Exchange
}

/** At most this many mismatching answers per operation keep their exchange (the rest are counted). */
const KEPT_PER_OPERATION = 20

export class ObservedAnswers {
  private readonly byOp = new Map<string, ObservedAnswer[]>()
  private readonly judged = new Set<string>()

  constructor(private readonly spec: Spec) {}

  /** Validates one answer of `op` received by the check named `checkName`. */
  observe(op: Operation, res: HttpResponse, checkName: string, exchange: Exchange | undefined): void {
    const status = String(res.status)
    const declared = Object.hasOwn(op.responses, status) ? status : Object.hasOwn(op.responses, 'default') ? 'default' : undefined
    const errors: string[] = []
    const pointer = declared === undefined ? null : op.responses[declared]
    if (pointer) {
      if (res.json === undefined) errors.push(res.jsonError ? `the body is not JSON: ${res.jsonError}` : 'the body is empty, the spec declares one')
      else {
        const outcome = this.spec.validators.validate(pointer, res.json)
        if (!outcome.valid) errors.push(...outcome.errors.slice(0, 5))
      }
    }
    const list = this.byOp.get(op.key) ?? []
    const kept = list.filter((a) => a.exchange).length
    list.push({ exchangeId: res.exchangeId, checkName, status: res.status, declared, errors, ...(errors.length && kept < KEPT_PER_OPERATION ? { exchange } : {}) })
    this.byOp.set(op.key, list)
  }

  /** A check judged this answer's schema itself: the reviewing check leaves it out. */
  markJudged(exchangeId: string): void {
    this.judged.add(exchangeId)
  }

  /** The answers of an operation no check judged itself, in the order received. */
  unjudged(opKey: string): ObservedAnswer[] {
    return (this.byOp.get(opKey) ?? []).filter((a) => !this.judged.has(a.exchangeId))
  }
}
