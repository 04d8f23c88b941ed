/**
 * A Map that holds at most `limit` entries: adding one more forgets the
 * oldest. For caches and registries that live as long as the app, so none
 * grows with each id, job or document the day brings.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly limit: number

  constructor(limit: number) {
    super()
    this.limit = limit
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.limit) this.delete(this.keys().next().value as K)
    return super.set(key, value)
  }
}
