// Faster checks for the formats an SS 12000 record is full of (uuid, date-time), with exactly ajv-formats' answers
// (issue #5: a harvest validates a million records). Each is a shortcut for the common valid shape only: whatever
// it does not recognise as plainly valid goes to ajv-formats' own function, so no value is judged differently.
// Pinned by test/unit/fast-formats.test.ts against ajv-formats over valid and invalid values.

import type { Ajv, Format } from 'ajv'

/** True for 8-4-4-4-12 hex digits (either case); false means "ask ajv-formats". */
export function plainUuid(s: string): boolean {
  if (s.length !== 36) return false
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i)
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false
  }
  return true
}

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const SHAPE = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:[Zz]|[+-](\d\d):(\d\d))$/

/** True for an RFC 3339 date-time of the usual shape whose every field is in range; false means "ask ajv-formats". */
export function plainDateTime(s: string): boolean {
  const m = SHAPE.exec(s)
  if (!m) return false
  const year = +m[1]
  const month = +m[2]
  const day = +m[3]
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && leap ? 29 : DAYS[month])) return false
  if (+m[4] > 23 || +m[5] > 59 || +m[6] > 59) return false
  return m[7] === undefined || (+m[7] <= 23 && +m[8] <= 59)
}

/** Puts the shortcuts in front of ajv-formats' uuid and date-time of this Ajv (call after addFormats). */
export function speedUpFormats(ajv: Ajv): void {
  const formats = (ajv as unknown as { formats: Record<string, Format | undefined> }).formats
  const wrap = (name: string, quick: (s: string) => boolean) => {
    const f = formats[name]
    if (f instanceof RegExp) ajv.addFormat(name, (s: string) => quick(s) || f.test(s))
    else if (f && typeof f === 'object' && typeof f.validate === 'function' && !f.async) {
      const slow = f.validate as (s: string) => boolean
      ajv.addFormat(name, { ...f, validate: (s: string) => quick(s) || slow(s) } as Format)
    }
  }
  wrap('uuid', plainUuid)
  wrap('date-time', plainDateTime)
}
