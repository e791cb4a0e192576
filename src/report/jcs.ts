// RFC 8785 JSON Canonicalization Scheme for the values konform signs (objects, arrays, strings, finite numbers,
// booleans, null). Strings and numbers serialise as ECMAScript's JSON.stringify does, which is what RFC 8785 §3.2.2
// prescribes; object keys are sorted by UTF-16 code units (§3.2.3), which is JavaScript's default sort order.

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('JCS: a number must be finite')
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`
  }
  throw new Error(`JCS: cannot canonicalise a ${typeof value}`)
}
