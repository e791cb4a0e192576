// The one place that redacts. Every exchange passes through here before it is stored anywhere.
// Secrets become labelled placeholders («secret:KONFORM_CLIENT_SECRET», «access-token»); personal data that
// SS 12000 carries (civic numbers, names, e-mail, phone, street addresses, eduPersonPrincipalNames) becomes a
// stable pseudonym within one run (the same value always maps to the same token), so evidence stays readable.

// YYMMDD or YYYYMMDD (day + 60 for samordningsnummer), optional - or +, then 4 (temporary numbers: 2 letters + 2).
// Bounded so that UUID groups and other hex runs are not taken for civic numbers.
// The day is 01-31, or 61-91 for a samordningsnummer, so a phone number such as 0705551234 is not taken for one.
const CIVIC_NO = /(?<![0-9A-Za-z-])(?:19|20)?[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])[-+]?[0-9A-Z]{2}[0-9]{2}(?![0-9A-Za-z-])/g
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g
// A phone number written into free text: international (+46 70 …, 0046 …, +46 (0)8 …) or national (070-…, 08 …),
// at least 7 digits. Only applied to free-text fields (FREE_TEXT_KEYS), where dates and codes do not start with 0.
const PHONE = /(?<![\w+-])(?:(?:\+|00)[1-9]\d{0,2}[\s-]?(?:\(0\)[\s-]?)?|0)[1-9](?:[\s-]?\d){5,11}(?![\w-])/g

/**
 * Keys whose string values are free text a vendor or a school fills with anything (absenceReason, StudyPlan notes,
 * comments, descriptions …): civic numbers, e-mail addresses and phone numbers inside them are pattern-redacted.
 */
const FREE_TEXT_KEYS = new Set([
  'absenceReason', 'adaptedStudyPlan', 'comment', 'comments', 'description', 'descriptionEnglish', 'info', 'message',
  'note', 'notes', 'remark', 'remarks', 'specification', 'reason', 'text',
])

/** JSON keys whose string values are personal data, with the pseudonym category. */
const PERSONAL_KEYS: Record<string, string> = {
  givenName: 'name',
  familyName: 'name',
  middleName: 'name',
  civicNo: 'civicno',
  civicNos: 'civicno',
  birthDate: 'date',
  streetAddress: 'address',
  eduPersonPrincipalNames: 'eppn',
  email: 'email',
  emails: 'email',
  phoneNumbers: 'phone',
  phoneNumber: 'phone',
  photo: 'photo',
  // Account names such as "lage.fiktiven" are made from the person's name (only `value` inside is personal).
  externalIdentifiers: 'account',
}

/** Keys under which a reference points at something that is not a person, so its displayName stays readable. */
const NON_PERSON_REFS = new Set([
  'organisation', 'parentOrganisation', 'enroledAt', 'dutyAt', 'placedAt', 'offeredAt', 'schoolUnit', 'owner',
  'group', 'groups', 'activity', 'parentActivity', 'syllabus', 'offeredSyllabuses', 'programme', 'offeredProgrammes',
  'parentProgramme', 'calendarEvent', 'rooms', 'resources', 'placement', 'studyPlan', 'data',
])

/** Query parameters that carry personal data (SS 12000 persons filters). */
const PERSONAL_QUERY = new Set(['civicNo', 'nameContains', 'eduPersonPrincipalName', 'identifier.value'])

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key'])

/** A phone number is the same number however it is written: 070-555 01 99 = +46 70 555 01 99 = 0046705550199. */
function phoneKey(value: string): string {
  const digits = value.replace(/\(0\)/g, '').replace(/[\s()-]/g, '')
  if (digits.startsWith('+')) return digits
  if (digits.startsWith('00')) return `+${digits.slice(2)}`
  return digits.startsWith('0') ? `+46${digits.slice(1)}` : digits
}

export interface RedactorOptions {
  /** Named secrets: label -> value. Values shorter than 4 characters are ignored (they would mask everything). */
  secrets?: Record<string, string>
  personalData?: boolean
}

export class Redactor {
  private readonly secrets = new Map<string, string>() // value -> label
  private readonly pseudonyms = new Map<string, string>() // category:value -> token
  private readonly counters = new Map<string, number>()
  readonly personalData: boolean

  constructor(opts: RedactorOptions = {}) {
    this.personalData = opts.personalData ?? true
    for (const [label, value] of Object.entries(opts.secrets ?? {})) this.addSecret(value, label)
  }

  /** Registers a value that must never appear in an artefact (e.g. an access token fetched during the run). */
  addSecret(value: string | undefined, label: string): void {
    if (!value || value.length < 4) return
    this.secrets.set(value, label)
    // Also the forms it takes on the wire: percent-encoded and base64 (HTTP Basic carries id:secret in base64).
    const enc = encodeURIComponent(value)
    if (enc !== value) this.secrets.set(enc, label)
  }

  private pseudonym(category: string, value: string): string {
    const key = `${category}:${category === 'phone' ? phoneKey(value) : value}`
    let token = this.pseudonyms.get(key)
    if (!token) {
      const n = (this.counters.get(category) ?? 0) + 1
      this.counters.set(category, n)
      token = category === 'email' || category === 'eppn' ? `${category}-${n}@redacted.invalid` : `«${category}-${n}»`
      this.pseudonyms.set(key, token)
    }
    return token
  }

  /** Secrets out of any text. */
  secretsOut(text: string): string {
    let out = text
    // Longest first, so a secret that contains another is replaced whole.
    for (const [value, label] of [...this.secrets].sort((a, b) => b[0].length - a[0].length)) {
      if (out.includes(value)) out = out.split(value).join(`«${label}»`)
    }
    return out
  }

  /** Secrets and personal data out of free text (URLs, non-JSON bodies, messages). */
  text(text: string): string {
    let out = this.secretsOut(text)
    if (this.personalData) {
      out = out.replace(CIVIC_NO, (m) => this.pseudonym('civicno', m.replace(/[-+]/, '')))
      out = out.replace(EMAIL, (m) => (m.endsWith('@redacted.invalid') ? m : this.pseudonym('email', m.toLowerCase())))
    }
    return out
  }

  /** Free text inside a record: civic numbers, e-mail addresses and phone numbers by pattern. */
  freeText(text: string): string {
    if (!this.personalData) return text
    return this.text(text).replace(PHONE, (m) => this.pseudonym('phone', m))
  }

  header(name: string, value: string): string {
    const n = name.toLowerCase()
    if (SECRET_HEADERS.has(n)) {
      const scheme = /^(Bearer|Basic|DPoP|MAC)\s/i.exec(value)?.[1]
      const known = this.secrets.get(value.slice(scheme ? scheme.length + 1 : 0).trim())
      return scheme ? `${scheme} «${known ?? 'redacted'}»` : `«${known ?? 'redacted'}»`
    }
    return this.text(value)
  }

  headers(h: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(h)) out[k] = this.header(k, v)
    return out
  }

  url(raw: string): string {
    let u: URL
    try {
      u = new URL(raw)
    } catch {
      return this.text(raw)
    }
    if (u.username || u.password) {
      u.username = u.username ? 'redacted' : ''
      u.password = u.password ? 'redacted' : ''
    }
    if (this.personalData) {
      for (const key of [...new Set(u.searchParams.keys())]) {
        if (!PERSONAL_QUERY.has(key)) continue
        const vals = u.searchParams.getAll(key)
        u.searchParams.delete(key)
        for (const v of vals) u.searchParams.append(key, this.pseudonym(key === 'civicNo' ? 'civicno' : 'query', v))
      }
    }
    return this.text(u.toString())
  }

  /** A body: JSON is walked key by key (names, addresses … by their keys), then treated as text. */
  body(raw: string, contentType = ''): string {
    const secretFree = this.secretsOut(raw)
    if (/json/i.test(contentType) || /^\s*[[{]/.test(secretFree)) {
      try {
        const v = JSON.parse(secretFree) as unknown
        return this.text(JSON.stringify(this.walk(v, undefined), null, 2))
      } catch {
        // Not parseable (cut off at the size cap, or broken): personal keys are still found by pattern.
        if (this.personalData) return this.text(this.jsonish(secretFree))
      }
    }
    if (/application\/x-www-form-urlencoded/i.test(contentType)) {
      const p = new URLSearchParams(secretFree)
      for (const k of ['client_secret', 'client_assertion', 'password', 'refresh_token', 'code']) {
        if (p.has(k)) p.set(k, '«redacted»')
      }
      return this.text(p.toString())
    }
    return this.text(secretFree)
  }

  /** "givenName": "Anna" -> "givenName": "«name-1»" in text that looks like JSON but does not parse. */
  private jsonish(text: string): string {
    return text.replace(/"([A-Za-z]+)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (m, key: string, sep: string, value: string) => {
      const category = PERSONAL_KEYS[key] ?? (key === 'value' ? 'value' : undefined)
      if (!category && FREE_TEXT_KEYS.has(key)) return `"${key}"${sep}"${this.freeText(value)}"`
      return category ? `"${key}"${sep}"${this.pseudonym(category, value)}"` : m
    })
  }

  private walk(v: unknown, category: string | undefined, parentKey?: string): unknown {
    if (typeof v === 'string') {
      if (category && this.personalData) return this.pseudonym(category, v)
      return parentKey !== undefined && FREE_TEXT_KEYS.has(parentKey) ? this.freeText(v) : v
    }
    if (Array.isArray(v)) return v.map((x) => this.walk(x, category, parentKey))
    if (v && typeof v === 'object') {
      if (category && !('value' in v)) category = undefined
      // A reference {id, displayName} names a person unless it points at something known not to be one
      // (a school unit, a group, a room …): SS 12000 gives a person reference the person's full name.
      const o = v as Record<string, unknown>
      const personRef = parentKey !== undefined && typeof o.id === 'string' && 'displayName' in o && !NON_PERSON_REFS.has(parentKey)
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(o)) {
        if (['access_token', 'refresh_token', 'id_token', 'client_secret'].includes(k) && typeof x === 'string') {
          out[k] = '«redacted»'
          continue
        }
        if (personRef && k === 'displayName') {
          out[k] = this.walk(x, 'name')
          continue
        }
        // A personal key marks its whole value; inside an object under it (civicNo {value, nationality},
        // emails [{value, type}]) only `value` is personal, so the types stay readable.
        out[k] = this.walk(x, PERSONAL_KEYS[k] ?? (category && k === 'value' ? category : undefined), k)
      }
      return out
    }
    return v
  }

}
