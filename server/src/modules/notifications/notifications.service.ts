import { and, count, desc, eq, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { SUBSCRIPTION_REMAINING_MAX, type NotificationKind, type NotificationView, type SubscribableKind, type SubscriptionsView } from '@sharecircle/shared';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import { AppError } from '../../http/app-error';
import { publishMany } from '../../outbox/outbox';
import { queryRows } from '../../db/database';
import { bulkRows } from '../../db/bulk';
import type { OutboxEvent } from '../../outbox/outbox.tables';
import type { SubscribeMessage, SubscribeMessageApi } from '../../wechat/subscribe-message';
import type { IdentityService } from '../identity';
import type { MembersService } from '../members';
import { commissionSettledContent, withdrawalPaidContent, type MessageTemplates } from './message-templates';
import { messageSends, messageSubscriptions, notifications, type MessageSendStatus, type NotificationRow } from './notifications.tables';

export interface NotificationsDeps {
  db: Db;
  clock: Clock;
  /** Subscribe messages go out through this adapter (tests point it at the fake WeChat server). */
  wechat: SubscribeMessageApi;
  templates: MessageTemplates;
  /** member -> user, for events that name a member. */
  members: Pick<MembersService, 'sellerProfile'>;
  /** user -> openid, the receiver of a subscribe message. */
  identity: Pick<IdentityService, 'usersByIds'>;
}

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  /** The causing event, e.g. `reward.granted:{grantId}`: the same key again notifies nobody. */
  dedupeKey?: string;
}

export const TITLE_MAX_CHARS = 60;
export const BODY_MAX_CHARS = 500;
export const DEDUPE_KEY_MAX_CHARS = 200;

/** WeChat's answer when the member has no accepted subscription left for the template. */
export const ERRCODE_NO_SUBSCRIPTION = 43101;

const commissionSettledPayload = z.object({ commissionId: z.number().int(), amountFen: z.number().int() });
const withdrawalPaidPayload = z.object({ withdrawalId: z.number().int(), netFen: z.number().int() });
const createdPayload = z.object({ notificationId: z.number().int() });

/**
 * The inbox, and its echo on WeChat: every notification lands in the inbox in the caller's
 * transaction; the outbox then sends it as a subscribe message at most once, if the member
 * accepted that template in the mini-program and has a grant left.
 */
export function createNotificationsService(deps: NotificationsDeps) {
  const { db, clock, templates } = deps;

  /**
   * Inserts inbox rows in the caller's transaction, in one statement; answers each one's id, or null
   * when its dedupe key was seen. Kinds with a subscribe-message template also go to WeChat, through
   * the outbox.
   */
  async function notifyMany(tx: Db, inputs: NewNotification[]): Promise<(number | null)[]> {
    if (inputs.length === 0) return [];
    for (const input of inputs) {
      assertLength(input.title, TITLE_MAX_CHARS, 'title');
      assertLength(input.body, BODY_MAX_CHARS, 'body');
      if (input.dedupeKey !== undefined) assertLength(input.dedupeKey, DEDUPE_KEY_MAX_CHARS, 'dedupeKey');
    }
    // Ids drawn first tie each inserted row to its input (dedupe keys may be absent).
    const drawn = await queryRows<{ id: string }>(tx, sql`SELECT nextval(pg_get_serial_sequence('notifications', 'id'))::text AS id FROM generate_series(1, ${inputs.length})`);
    const rowsIn = inputs.map((input, index) => ({ input, id: Number(drawn[index].id) }));
    const bulk = bulkRows(rowsIn, [
      ['id', 'bigint', (r) => r.id],
      ['user_id', 'bigint', (r) => r.input.userId],
      ['kind', 'text', (r) => r.input.kind],
      ['title', 'text', (r) => r.input.title],
      ['body', 'text', (r) => r.input.body],
      ['data', 'jsonb', (r) => r.input.data ?? {}],
      ['dedupe_key', 'text', (r) => r.input.dedupeKey ?? null],
      ['created_at', 'timestamptz', () => clock.now()],
    ]);
    const inserted = new Set(
      (await queryRows<{ id: string }>(tx, sql`INSERT INTO notifications ${bulk.names} ${bulk.select} ON CONFLICT (dedupe_key) DO NOTHING RETURNING id::text`)).map((row) => Number(row.id)),
    );
    const rows = rowsIn.filter((r) => inserted.has(r.id)).map((r) => ({ id: r.id, kind: r.input.kind, index: rowsIn.indexOf(r) }));
    const ids: (number | null)[] = inputs.map(() => null);
    for (const row of rows) ids[row.index] = row.id;
    // Only a kind with a subscribe-message template can be sent to WeChat; the others live in the inbox alone.
    await publishMany(
      tx,
      clock,
      rows.filter((row) => templates.templateIdFor(row.kind)).map((row) => ({ type: 'notification.created' as const, payload: { notificationId: row.id } })),
    );
    return ids;
  }

  /** One notification; see notifyMany. */
  async function notify(tx: Db, input: NewNotification): Promise<number | null> {
    return (await notifyMany(tx, [input]))[0];
  }

  /**
   * notification.created: sends the subscribe message, at most once. The message_sends row is
   * written before WeChat is called, so a replayed event finds it and stops; a network failure
   * throws, rolling back that row and the used grant with it, and the outbox retries.
   */
  async function onCreated(tx: Db, event: OutboxEvent): Promise<void> {
    const { notificationId } = createdPayload.parse(event.payload);
    const [notification] = await tx.select().from(notifications).where(eq(notifications.id, notificationId));
    if (!notification) throw new Error(`notification ${notificationId} does not exist`);
    const message = templates.messageFor(notification);
    if (!message) return; // inbox only: the brand has no template for this kind
    const [claimed] = await tx
      .insert(messageSends)
      .values({ notificationId, status: 'failed', errcode: null, sentAt: clock.now() }) // provisional, decided below
      .onConflictDoNothing()
      .returning();
    if (!claimed) return;
    const outcome = await deliver(tx, notification.userId, notification.kind as SubscribableKind, message);
    await tx.update(messageSends).set(outcome).where(eq(messageSends.notificationId, notificationId));
  }

  /** Uses a grant and sends; answers what to record. Throws (rolling the grant back) when WeChat gave no answer. */
  async function deliver(
    tx: Db,
    userId: number,
    kind: SubscribableKind,
    message: Omit<SubscribeMessage, 'touser'>,
  ): Promise<{ status: MessageSendStatus; errcode: number | null }> {
    if (!(await takeGrant(tx, userId, kind))) return { status: 'skipped_no_subscription', errcode: null };
    const user = (await deps.identity.usersByIds([userId], tx)).get(userId);
    if (!user) throw new Error(`user ${userId} does not exist`);
    const { errcode } = await deps.wechat.sendSubscribeMessage({ touser: user.openid, ...message });
    if (errcode === 0) return { status: 'sent', errcode: null };
    if (errcode === ERRCODE_NO_SUBSCRIPTION) {
      // WeChat knows better than our counter (the member may have turned the template off): believe it.
      await setRemaining(tx, userId, kind, sql`0`);
      return { status: 'skipped_no_subscription', errcode };
    }
    // Refused for another reason (bad openid, bad data): WeChat used no grant, so give ours back.
    await setRemaining(tx, userId, kind, sql`least(${messageSubscriptions.remaining} + 1, ${SUBSCRIPTION_REMAINING_MAX})`);
    return { status: 'failed', errcode };
  }

  /** Uses one accepted subscription if there is one left. */
  async function takeGrant(tx: Db, userId: number, kind: SubscribableKind): Promise<boolean> {
    const taken = await setRemaining(tx, userId, kind, sql`${messageSubscriptions.remaining} - 1`, true);
    return taken.length > 0;
  }

  function setRemaining(tx: Db, userId: number, kind: SubscribableKind, remaining: SQL, onlyIfLeft = false) {
    return tx
      .update(messageSubscriptions)
      .set({ remaining, updatedAt: clock.now() })
      .where(
        and(
          eq(messageSubscriptions.userId, userId),
          eq(messageSubscriptions.templateKind, kind),
          onlyIfLeft ? sql`${messageSubscriptions.remaining} > 0` : undefined,
        ),
      )
      .returning({ remaining: messageSubscriptions.remaining });
  }

  async function userOfMember(tx: Db, memberId: number | null): Promise<number> {
    const member = memberId === null ? undefined : await deps.members.sellerProfile(memberId, tx);
    if (!member) throw new Error(`event names no known member (${memberId})`);
    return member.userId;
  }

  /** commission.settled: the member can now withdraw it. */
  async function onCommissionSettled(tx: Db, event: OutboxEvent): Promise<void> {
    const payload = commissionSettledPayload.parse(event.payload);
    const userId = await userOfMember(tx, event.memberId);
    await notify(tx, { userId, ...commissionSettledContent(payload), dedupeKey: `commission.settled:${payload.commissionId}` });
  }

  /** withdrawal.paid: the money reached the member's WeChat change. */
  async function onWithdrawalPaid(tx: Db, event: OutboxEvent): Promise<void> {
    const payload = withdrawalPaidPayload.parse(event.payload);
    const userId = await userOfMember(tx, event.memberId);
    await notify(tx, { userId, ...withdrawalPaidContent(payload), dedupeKey: `withdrawal.paid:${payload.withdrawalId}` });
  }

  async function subscriptionsOf(userId: number, tx: Db = db): Promise<SubscriptionsView> {
    const rows = await tx.select().from(messageSubscriptions).where(eq(messageSubscriptions.userId, userId));
    const remaining = new Map(rows.map((row) => [row.templateKind, row.remaining]));
    return { items: templates.configured().map(({ kind, templateId }) => ({ kind, templateId, remaining: remaining.get(kind) ?? 0 })) };
  }

  const mine = (userId: number, id: number) => and(eq(notifications.userId, userId), eq(notifications.id, id));

  return {
    notify,
    notifyMany,
    onCreated,
    onCommissionSettled,
    onWithdrawalPaid,

    /** A user's inbox, newest first, and how many are unread. */
    async list(userId: number, options: { beforeId?: number; limit: number; unreadOnly: boolean }) {
      const rows = await db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, userId),
            options.unreadOnly ? isNull(notifications.readAt) : undefined,
            options.beforeId ? lt(notifications.id, options.beforeId) : undefined,
          ),
        )
        .orderBy(desc(notifications.id))
        .limit(options.limit);
      const [unread] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
      return { items: rows.map(view), unreadCount: Number(unread.n) };
    },

    /** Marks one of the user's notifications read (again is fine); someone else's is NOTIFICATION_NOT_FOUND. */
    async markRead(userId: number, id: number): Promise<NotificationView> {
      const [updated] = await db
        .update(notifications)
        .set({ readAt: clock.now() })
        .where(and(mine(userId, id), isNull(notifications.readAt)))
        .returning();
      const row = updated ?? (await db.select().from(notifications).where(mine(userId, id)))[0];
      if (!row) throw new AppError('NOTIFICATION_NOT_FOUND', `you have no notification ${id}`);
      return view(row);
    },

    async markAllRead(userId: number): Promise<{ marked: number }> {
      const marked = await db
        .update(notifications)
        .set({ readAt: clock.now() })
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      return { marked: marked.length };
    },

    /** After wx.requestSubscribeMessage: one more message allowed per accepted kind (banked up to a cap). */
    subscribe(userId: number, accepted: SubscribableKind[]): Promise<SubscriptionsView> {
      const kinds = [...new Set(accepted)];
      const unknown = kinds.filter((kind) => !templates.templateIdFor(kind));
      if (unknown.length > 0) {
        throw new AppError('UNPROCESSABLE', `no subscribe-message template is configured for: ${unknown.join(', ')}`);
      }
      return db.transaction(async (tx) => {
        const at = clock.now();
        await tx
          .insert(messageSubscriptions)
          .values(kinds.map((kind) => ({ userId, templateKind: kind, remaining: 1, updatedAt: at })))
          .onConflictDoUpdate({
            target: [messageSubscriptions.userId, messageSubscriptions.templateKind],
            set: { remaining: sql`least(${sql.raw('message_subscriptions.remaining')} + 1, ${SUBSCRIPTION_REMAINING_MAX})`, updatedAt: at },
          });
        return subscriptionsOf(userId, tx);
      });
    },

    subscriptions: (userId: number) => subscriptionsOf(userId),
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;

function view(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

function assertLength(text: string, maxChars: number, what: string): void {
  if (text.length === 0 || [...text].length > maxChars) {
    throw new AppError('UNPROCESSABLE', `a notification's ${what} must be 1 to ${maxChars} characters`);
  }
}
