import { todayOf, type AppCore } from '../app';
import { refreshTierMonths } from '../reports/tier-months';
import { refreshDue } from './due';

/** How often the workstation checks whether the day has turned. */
const CHECK_MS = 60_000;

/**
 * Computes every client's reminders once a day (reminders open and lapse with the calendar, not only with the facts):
 * at start, and again when the branch's day turns while the workstation runs. A pass picks up only clients not
 * computed today, so it also covers clients a seed or an import brought in, and resumes after a stop.
 */
export class DailyReminders {
  private running: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastDay: string | null = null;
  private cancel: AbortController | null = null;
  private figures: Promise<boolean> | null = null;
  /** How far the running pass is (the worklist shows it), or null when none runs. */
  progress: { done: number; total: number } | null = null;
  /** Told of the pass's progress too (the browser host prints it). */
  onProgress: ((done: number, total: number) => void) | null = null;

  constructor(private readonly app: AppCore) {}

  start(): void {
    if (this.timer) return;
    void this.run().catch((error: unknown) => console.error('BranchDesk: computing reminders failed', error));
    this.timer = setInterval(() => {
      if (todayOf(this.app) !== this.lastDay)
        void this.run().catch((error: unknown) => console.error('BranchDesk: computing reminders failed', error));
    }, CHECK_MS);
    this.timer.unref();
  }

  /** Stops the checks, and a running pass after its current chunk (what it computed stays). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.cancel?.abort();
  }

  get refreshing(): boolean {
    return this.running !== null;
  }

  /** Resolves once no pass is running. */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.figures?.catch(() => undefined);
  }

  /**
   * Rebuilds the branch's tier figures by month when the balances changed (after the pass, and after a sync that
   * brought changes): a few seconds at 200,000 clients, only when something changed.
   */
  refreshFigures(): Promise<boolean> {
    // One rebuild at a time: a sync ending while the pass rebuilds joins it.
    if (this.figures) return this.figures;
    const { app } = this;
    this.figures = refreshTierMonths(app.store, app.settings, todayOf(app)).finally(() => {
      this.figures = null;
    });
    return this.figures;
  }

  /** Runs the pass (or joins the one running); resolves to the number of clients computed. */
  run(): Promise<number> {
    if (this.running) return this.running;
    const { app } = this;
    const today = todayOf(app);
    const cancel = new AbortController();
    this.cancel = cancel;
    this.running = refreshDue(app.store, app.settings, today, {
      signal: cancel.signal,
      progress: (done, total) => {
        this.progress = { done, total };
        this.onProgress?.(done, total);
      },
    })
      .then(async (count) => {
        this.lastDay = today;
        await this.refreshFigures();
        return count;
      })
      .finally(() => {
        this.running = null;
        this.progress = null;
      });
    return this.running;
  }
}
