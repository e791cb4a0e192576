// The built-in run of profile fedtls: konform operates a test federation (fedtls-operator.ts) that the built-in
// server consumes. First published with a placeholder base_uri, published again with the server's own once it
// listens, and the server told to load it now (no timers).

import type { PlanView } from '../core/context.js'
import type { ServerTls } from '../reference/mtls.js'
import type { FederationSource } from '../reference/fedtls-consumer.js'
import type { TestPki } from '../reference/pki.js'
import { benchFederation, FederationOperator } from './fedtls-operator.js'
import { spkiPin } from './fedtls.js'
import type { FederationChange, FederationControl } from './fedtls-control.js'

interface BenchServer {
  baseUrl: string
  refreshFederation(): Promise<string | undefined>
  federationClock(aheadSeconds: number): void
}

export class BenchFederation {
  private constructor(
    readonly operator: FederationOperator,
    private readonly pki: Pick<TestPki, 'ca' | 'server' | 'client' | 'unpinnedClient'>,
  ) {}

  static async start(pki: TestPki): Promise<{ bench: BenchFederation; serverTls: ServerTls; fedtls: NonNullable<PlanView['fedtls']> }> {
    const operator = await FederationOperator.start()
    const bench = new BenchFederation(operator, pki)
    await operator.publish(bench.metadata('https://127.0.0.1/v2.0'))
    return {
      bench,
      serverTls: { cert: pki.server.cert, key: pki.server.key, clientCa: pki.ca, unpublished: { cert: pki.unpublishedServer.cert, key: pki.unpublishedServer.key } },
      fedtls: { unpinned: { cert: pki.unpinnedClient.cert, key: pki.unpinnedClient.key } },
    }
  }

  get source(): FederationSource {
    return { metadata: this.operator.url, jwks: this.operator.jwks }
  }

  metadata(baseUri: string) {
    return benchFederation({ ca: this.pki.ca, serverCert: this.pki.server.cert, clientCert: this.pki.client.cert, baseUri })
  }

  /** Publishes the server's base URI and has the server load it; the run's metadata (URL and JWKS). */
  async pinServer(server: BenchServer): Promise<NonNullable<PlanView['metadata']>> {
    await this.operator.publish(this.metadata(server.baseUrl))
    const problem = await server.refreshFederation()
    if (problem) throw new Error(`the built-in server did not take the test federation's metadata: ${problem}`)
    return { url: this.operator.url, jwks: this.operator.jwks }
  }

  /** The changes of AUTH-FEDTLS-SRV-006…008 on the built-in server: told to load new metadata now, its clock moved. */
  control(server: BenchServer): FederationControl {
    let queue: Promise<unknown> = Promise.resolve()
    const op = this.operator
    const loaded = async (en: string, sv: string) => {
      const problem = await server.refreshFederation()
      return {
        en: `${en}; the server was told to load it now: ${problem ? `not taken (${problem})` : 'taken'}`,
        sv: `${sv}; servern ombads läsa in den direkt: ${problem ? `inte tagen i bruk (${problem})` : 'tagen i bruk'}`,
      }
    }
    return {
      how: 'the built-in server is told to load new metadata at once, and its metadata clock is moved past exp instead of waiting',
      exclusive: <T>(fn: () => Promise<T>): Promise<T> => {
        const run = queue.then(fn, fn)
        queue = run.catch(() => undefined)
        return run
      },
      apply: async (change: FederationChange) => {
        const md = this.metadata(server.baseUrl)
        if (change === 'restore') {
          server.federationClock(0)
          await op.publish(md)
          return loaded('published the federation as it was', 'publicerade federationen som den var')
        }
        if (change === 'drop-client-pin') {
          md.entities[1].clients![0].pins = []
          await op.publish(md)
          return loaded("published metadata without konform's client pin", 'publicerade metadata utan konforms klientpinne')
        }
        if (change === 'tampered-add-unpinned') {
          await op.publish(md)
          const jws = JSON.parse(op.published) as { payload: string }
          md.entities[1].clients![0].pins.push({ alg: 'sha256', digest: spkiPin(this.pki.unpinnedClient.cert) })
          jws.payload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(jws.payload, 'base64url').toString('utf8')), entities: md.entities })).toString('base64url')
          op.publishRaw(JSON.stringify(jws, null, 2))
          return loaded("published metadata adding the unpinned certificate's pin, its payload changed after signing", 'publicerade metadata som lägger till det opinnade certifikatets pinne, med innehållet ändrat efter signeringen')
        }
        op.publishRaw('')
        const ahead = op.lastExp - Math.floor(Date.now() / 1000) + 120
        server.federationClock(ahead)
        return loaded(
          `stopped publishing the metadata (404) and moved the server's metadata clock ${ahead} s ahead, past exp`,
          `slutade publicera metadatan (404) och flyttade serverns metadataklocka ${ahead} s framåt, förbi exp`,
        )
      },
    }
  }

  close(): Promise<void> {
    return this.operator.close()
  }
}
