// A plain fetch for tests that talk to the reference server directly: status, headers, text and parsed JSON.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

export interface Answer {
  status: number
  headers: Headers
  text: string
  json: Json
}

export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init)
  const text = await res.text()
  let json: Json
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json }
}
