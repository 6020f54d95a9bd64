// Sending a message to its channels: a few tries for failures that may pass, a record of every delivery, nothing
// sent twice (a key and channel with a 'sent' record are skipped), and no failure ever thrown to the caller.
import PQueue from 'p-queue';
import type { CountyConfig } from '../config/index.ts';
import { recordNotification, wasNotified, type Store } from '../store/index.ts';
import type { Channel } from './channels.ts';
import { createMailer, type Mailer } from './email.ts';
import type { Message } from './message.ts';
import { emailText } from './render.ts';
import { SendError } from './send-error.ts';
import { sendDingtalk, sendWecom } from './webhook.ts';

/** What notify/ needs of its caller; the service's context has all of it. */
export interface NotifyContext {
  store: Store;
  config: CountyConfig;
  log: (line: string) => void;
  now: () => Date;
  env?: Record<string, string | undefined>; // default process.env
  retryDelayMs?: number; // first pause before a retry (then ×3); default 1 s
}

export interface Delivery {
  eventKey: string;
  event: string;
  unitId: string | null;
  runId: number | null;
  message: Message;
  channels: Channel[];
}

export interface DeliveryCount {
  sent: number;
  skipped: number;
  failed: number;
}

// both robots accept 20 messages a minute each; a county that puts every unit into one group reaches that
const ROBOT_PER_MINUTE = 20;

export class Dispatcher {
  private mailer: Mailer | { problem: string } | null = null;
  private readonly recent = new Map<string, number[]>();
  private readonly queue = new PQueue({ concurrency: 4 });

  /** Without a store only `sendUnrecorded` may be used. */
  constructor(private readonly ctx: Omit<NotifyContext, 'store'> & { store?: Store }) {}

  private get settings() {
    return { retries: this.ctx.config.notify?.retries ?? 2, timeoutMs: this.ctx.config.notify?.timeoutMs ?? 10_000 };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  }

  /** Waits while the channel had its per-minute share of messages. */
  private async pace(channelId: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      const times = (this.recent.get(channelId) ?? []).filter((t) => now - t < 60_000);
      if (times.length < ROBOT_PER_MINUTE) {
        times.push(now);
        this.recent.set(channelId, times);
        return;
      }
      await this.sleep(60_000 - (now - times[0]!) + 50);
    }
  }

  private async sendOnce(channel: Channel, m: Message): Promise<void> {
    const t = channel.target!;
    const { timeoutMs } = this.settings;
    if (t.type === 'wecom') return sendWecom(t.url, m, timeoutMs);
    if (t.type === 'dingtalk') return sendDingtalk(t.url, t.secret, m, timeoutMs);
    this.mailer ??= createMailer(this.ctx.config.notify?.smtp, this.ctx.env ?? process.env, timeoutMs);
    if ('problem' in this.mailer) throw new SendError(this.mailer.problem, false);
    return this.mailer.send(t.to, m);
  }

  /** Sends to one channel, retrying; returns the outcome and how many tries it took. */
  private async sendWithRetries(
    channel: Channel,
    m: Message,
  ): Promise<{ ok: true; attempts: number } | { ok: false; attempts: number; error: string }> {
    if (!channel.target) return { ok: false, attempts: 0, error: channel.problem ?? '渠道配置不完整' };
    const { retries } = this.settings;
    const delay = this.ctx.retryDelayMs ?? 1000;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.pace(channel.id);
        await this.sendOnce(channel, m);
        return { ok: true, attempts: attempt };
      } catch (err) {
        const retryable = err instanceof SendError ? err.retryable : false;
        const error = err instanceof Error ? err.message : String(err);
        if (!retryable || attempt > retries) return { ok: false, attempts: attempt, error };
        await this.sleep(delay * 3 ** (attempt - 1));
      }
    }
  }

  private async deliverTo(d: Delivery, channel: Channel, count: DeliveryCount): Promise<void> {
    const store = this.ctx.store;
    if (!store) throw new Error('Dispatcher.deliverAll needs a store');
    if (wasNotified(store, d.eventKey, channel.id)) {
      count.skipped++;
      return;
    }
    const result = await this.sendWithRetries(channel, d.message);
    const body = emailText(d.message);
    recordNotification(store, {
      eventKey: d.eventKey,
      event: d.event,
      channel: channel.id,
      channelLabel: channel.label,
      unitId: d.unitId,
      runId: d.runId,
      title: d.message.title,
      body,
      state: result.ok ? 'sent' : 'failed',
      attempts: result.attempts,
      error: result.ok ? null : result.error,
      at: this.ctx.now().toISOString(),
    });
    if (result.ok) count.sent++;
    else {
      count.failed++;
      this.ctx.log(`[通知] 未能发送到 ${channel.label}（${result.attempts ? `试了 ${result.attempts} 次` : '未发送'}）：${result.error}`);
    }
  }

  /** Every delivery to each of its channels; failures are recorded and logged, never thrown. */
  async deliverAll(deliveries: Delivery[]): Promise<DeliveryCount> {
    const count: DeliveryCount = { sent: 0, skipped: 0, failed: 0 };
    await Promise.all(
      deliveries.flatMap((d) =>
        d.channels.map((ch) =>
          this.queue.add(() =>
            this.deliverTo(d, ch, count).catch((err) => {
              count.failed++;
              this.ctx.log(`[通知] 记录发送结果时出错：${err instanceof Error ? err.message : String(err)}`);
            }),
          ),
        ),
      ),
    );
    return count;
  }

  /** Sends without the record (the test message of `zwgk notify --test`); the error text, or null when it went through. */
  async sendUnrecorded(channel: Channel, m: Message): Promise<{ ok: boolean; attempts: number; error?: string }> {
    return this.sendWithRetries(channel, m);
  }

  close(): void {
    if (this.mailer && !('problem' in this.mailer)) this.mailer.close();
  }
}
