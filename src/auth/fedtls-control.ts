// konform changes the federation a FedTLS server consumes, for AUTH-FEDTLS-SRV-006…008: it publishes metadata
// with one thing changed and returns once the server must have taken it. The built-in server is told to load it
// now and lets its metadata clock run ahead instead of waiting for exp (fedtls-bench.ts). Changes run one at a
// time (exclusive), and each check puts the federation back (restore) before the next.

export type FederationChange =
  /** konform's client pin is removed from the metadata. */
  | 'drop-client-pin'
  /** A document adding the unpinned certificate's pin, its payload changed after signing (the signature fails). */
  | 'tampered-add-unpinned'
  /** The metadata is no longer published and its exp passes. */
  | 'stop-and-expire'
  /** The federation as it was. */
  | 'restore'

export interface FederationControl {
  /** How the target comes to take a change (for the report). */
  readonly how: string
  exclusive<T>(fn: () => Promise<T>): Promise<T>
  /** Makes the change; resolves when the target must have taken it, with a note of what was done. */
  apply(change: FederationChange): Promise<{ en: string; sv: string }>
}
