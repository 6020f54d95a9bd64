// What notify/ sent to which channel: one row per attempt batch, so that a restart or a second report run sends
// nothing twice (a message counts as sent once a row with state 'sent' exists for its key and channel).
import type { Store } from './db.ts';
import { registerMigrations } from './db.ts';

registerMigrations([
  {
    version: 250,
    name: 'notifications: messages sent (or failed) per event key and channel',
    sql: `
      CREATE TABLE notifications (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        event_key TEXT NOT NULL,
        event TEXT NOT NULL,
        channel TEXT NOT NULL,
        channel_label TEXT NOT NULL,
        unit_id TEXT,
        run_id INTEGER,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sent','failed')),
        attempts INTEGER NOT NULL,
        error TEXT,
        at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX notifications_sent_once ON notifications(event_key, channel) WHERE state = 'sent';
      CREATE INDEX notifications_by_unit ON notifications(unit_id, id);
    `,
  },
]);

export type NotificationState = 'sent' | 'failed';

export interface NotificationRecord {
  id: number;
  eventKey: string; // what happened, e.g. rectify-notice:run-12:jyj
  event: string; // rectify-notice | recheck | monthly-draft | monthly-final | reminder
  channel: string; // a stable id of the channel (type and a hash of its address), never a secret
  channelLabel: string; // what a person recognises: 县教育局 企业微信群
  unitId: string | null;
  runId: number | null;
  title: string;
  body: string; // the message as sent (masked)
  state: NotificationState;
  attempts: number;
  error: string | null;
  at: string;
}

interface NotificationRow {
  id: number;
  event_key: string;
  event: string;
  channel: string;
  channel_label: string;
  unit_id: string | null;
  run_id: number | null;
  title: string;
  body: string;
  state: NotificationState;
  attempts: number;
  error: string | null;
  at: string;
}

const fromRow = (r: NotificationRow): NotificationRecord => ({
  id: r.id,
  eventKey: r.event_key,
  event: r.event,
  channel: r.channel,
  channelLabel: r.channel_label,
  unitId: r.unit_id,
  runId: r.run_id,
  title: r.title,
  body: r.body,
  state: r.state,
  attempts: r.attempts,
  error: r.error,
  at: r.at,
});

/** True when this event already reached this channel. */
export function wasNotified(store: Store, eventKey: string, channel: string): boolean {
  return (
    store.db.prepare("SELECT 1 FROM notifications WHERE event_key = ? AND channel = ? AND state = 'sent'").get(eventKey, channel) !==
    undefined
  );
}

/**
 * Records one delivery. A second 'sent' row for the same key and channel is ignored (another process got there
 * first); returns false then.
 */
export function recordNotification(store: Store, n: Omit<NotificationRecord, 'id'>): boolean {
  const res = store.db
    .prepare(`INSERT OR IGNORE INTO notifications (event_key, event, channel, channel_label, unit_id, run_id, title, body, state, attempts, error, at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(n.eventKey, n.event, n.channel, n.channelLabel, n.unitId, n.runId, n.title, n.body, n.state, n.attempts, n.error, n.at);
  return res.changes > 0;
}

export function listNotifications(store: Store, opts: { unitId?: string; eventKey?: string; limit?: number } = {}): NotificationRecord[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (opts.unitId !== undefined) {
    where.push('unit_id = ?');
    args.push(opts.unitId);
  }
  if (opts.eventKey !== undefined) {
    where.push('event_key = ?');
    args.push(opts.eventKey);
  }
  const sql = `SELECT * FROM notifications ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  return (store.db.prepare(sql).all(...args, opts.limit ?? 200) as NotificationRow[]).map(fromRow);
}
