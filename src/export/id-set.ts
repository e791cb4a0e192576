// The ids a harvest has written so far, to write each record once (issue #5: memory flat as the archive grows).
// Lower-case UUIDs, what SS 12000 servers give, are kept as 128 bits in an open-addressing table of typed arrays
// (about 34 bytes an id, and the id strings themselves can be freed with their page) instead of a Set of strings
// (about 100 bytes an id, each string kept alive). Any other id, upper-case UUIDs included, goes to a plain Set:
// ids are compared exactly as strings either way.

export class IdSet {
  private words = new Uint32Array(4 * 1024)
  private used = new Uint8Array(1024)
  private count = 0
  private readonly others = new Set<string>()
  /** The last id's words (key()). */
  private readonly k = new Uint32Array(4)

  get size(): number {
    return this.count + this.others.size
  }

  has(id: string): boolean {
    return this.key(id) ? this.find() >= 0 : this.others.has(id)
  }

  /** Adds the id; false when it was there already. */
  add(id: string): boolean {
    if (!this.key(id)) {
      if (this.others.has(id)) return false
      this.others.add(id)
      return true
    }
    if (this.find() >= 0) return false
    if (2 * (this.count + 1) > this.used.length) this.grow()
    this.put(this.k[0], this.k[1], this.k[2], this.k[3])
    this.count++
    return true
  }

  /** The slot holding the key in this.k, or -1. */
  private find(): number {
    const [a, b, c, d] = this.k
    const mask = this.used.length - 1
    for (let i = (a ^ d) & mask; ; i = (i + 1) & mask) {
      if (!this.used[i]) return -1
      const w = 4 * i
      if (this.words[w] === a && this.words[w + 1] === b && this.words[w + 2] === c && this.words[w + 3] === d) return i
    }
  }

  private put(a: number, b: number, c: number, d: number): void {
    const mask = this.used.length - 1
    let i = (a ^ d) & mask
    while (this.used[i]) i = (i + 1) & mask
    this.used[i] = 1
    const w = 4 * i
    this.words[w] = a
    this.words[w + 1] = b
    this.words[w + 2] = c
    this.words[w + 3] = d
  }

  private grow(): void {
    const words = this.words
    const used = this.used
    this.words = new Uint32Array(words.length * 2)
    this.used = new Uint8Array(used.length * 2)
    for (let i = 0; i < used.length; i++) if (used[i]) this.put(words[4 * i], words[4 * i + 1], words[4 * i + 2], words[4 * i + 3])
  }

  /** A lower-case UUID (8-4-4-4-12 hex digits) into this.k as four 32-bit words; false for any other string. */
  private key(id: string): boolean {
    if (id.length !== 36) return false
    let word = 0
    let digits = 0
    for (let i = 0; i < 36; i++) {
      const c = id.charCodeAt(i)
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        if (c !== 45) return false
        continue
      }
      const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1
      if (v < 0) return false
      word = ((word << 4) | v) >>> 0
      if (++digits % 8 === 0) {
        this.k[digits / 8 - 1] = word
        word = 0
      }
    }
    return true
  }
}
