/**
 * Answers remembered by key, for pure functions asked the same few questions many times over (a pass over 200,000
 * clients). Emptied when it holds `limit` answers, so it stays bounded however long the process runs. A computation
 * that throws is not remembered: it throws again next time.
 */
export class BoundedMemo<K, V> {
  private readonly answers = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /**
   * The answer remembered for `key`, if any. For a caller asked millions of times: `get` needs a closure to compute
   * with, which is garbage to collect even when the answer is known.
   */
  known(key: K): V | undefined {
    return this.answers.get(key);
  }

  get(key: K, compute: () => V): V {
    const known = this.answers.get(key);
    if (known !== undefined || this.answers.has(key)) return known as V;
    const answer = compute();
    if (this.answers.size >= this.limit) this.answers.clear();
    this.answers.set(key, answer);
    return answer;
  }
}
