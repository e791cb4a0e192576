// The built-in run of profile fedtls: konform operates a test federation (fedtls-operator.ts) that the built-in
// server consumes. First published with a placeholder base_uri, published again with the server's own once it
// listens, and the server told to load it now (no timers).

import type { PlanView } from '../core/context.js'
import type { ServerTls } from '../reference/mtls.js'
import type { FederationSource } from '../reference/fedtls-consumer.js'
import type { TestPki } from '../reference/pki.js'
import { benchFederation, FederationOperator } from './fedtls-operator.js'

export class BenchFederation {
  private constructor(
    readonly operator: FederationOperator,
    private readonly pki: Pick<TestPki, 'ca' | 'server' | 'client'>,
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
  async pinServer(server: { baseUrl: string; refreshFederation(): Promise<string | undefined> }): Promise<NonNullable<PlanView['metadata']>> {
    await this.operator.publish(this.metadata(server.baseUrl))
    const problem = await server.refreshFederation()
    if (problem) throw new Error(`the built-in server did not take the test federation's metadata: ${problem}`)
    return { url: this.operator.url, jwks: this.operator.jwks }
  }

  close(): Promise<void> {
    return this.operator.close()
  }
}
