/** Percentiles of a sample of timings, milliseconds rounded to microseconds. */
export function percentiles(samples: number[]): { p50_ms: number; p95_ms: number; max_ms: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { p50_ms: round(at(0.5)), p95_ms: round(at(0.95)), max_ms: round(sorted.at(-1) ?? 0), n: sorted.length };
}

export async function timeEach<T>(items: T[], run: (item: T) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (const item of items) {
    const t0 = performance.now();
    await run(item);
    out.push(performance.now() - t0);
  }
  return out;
}
