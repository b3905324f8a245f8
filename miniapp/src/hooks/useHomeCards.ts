import type { MemberType } from '@sharecircle/shared';
import { api, type CompetitionView, type LeaderboardView, type MyTask } from '../services/api';
import { useAsync, type AsyncResult } from './useAsync';

/** My place in the running competition that ends soonest. */
export interface CompetitionStanding {
  competition: CompetitionView;
  /** Fen for GMV, a count otherwise: the board says which. */
  unit: LeaderboardView['unit'];
  /** Null when the board does not count me (the cohort changed since the list was read). */
  me: LeaderboardView['me'];
}

/** Open tasks that still need proof from me, and the nearest of their due times. */
export interface TasksDue {
  count: number;
  nextDueAt: string;
}

/** The running competition I take part in that ends first, or null when there is none. */
export function soonestRunning(competitions: CompetitionView[]): CompetitionView | null {
  const running = competitions.filter((competition) => competition.status === 'running' && competition.eligible);
  if (running.length === 0) return null;
  return running.reduce((soonest, competition) => (Date.parse(competition.endsAt) < Date.parse(soonest.endsAt) ? competition : soonest));
}

/**
 * Null when no task needs proof. A task needs proof while it is not done, not yet due, and what I
 * sent (approved or still under review) falls short of its target: posts under review may still
 * make it, so they are not asked for again.
 */
export function tasksDue(tasks: MyTask[], nowMs: number): TasksDue | null {
  const open = tasks.filter((task) => !task.done && Date.parse(task.dueAt) > nowMs && task.progress.approved + task.progress.pending < task.target);
  if (open.length === 0) return null;
  const nextDueMs = Math.min(...open.map((task) => Date.parse(task.dueAt)));
  return { count: open.length, nextDueAt: new Date(nextDueMs).toISOString() };
}

async function loadStanding(): Promise<CompetitionStanding | null> {
  const competition = soonestRunning((await api.competitions()).items);
  if (!competition) return null;
  // Home shows my own row only, which the board answers whatever the limit.
  const board = await api.competitionLeaderboard(competition.id, 1);
  return { competition, unit: board.unit, me: board.me };
}

async function loadTasksDue(): Promise<TasksDue | null> {
  return tasksDue((await api.myTasks()).items, Date.now());
}

export interface HomeCardsData {
  competition: AsyncResult<CompetitionStanding | null>;
  /** Null for members who are not KOS: they get no content tasks. */
  tasks: AsyncResult<TasksDue | null> | null;
  reload: () => Promise<void>;
}

/** Never settles: a card that may not load yet stays in its loading state until its turn comes. */
const notYet = <T>() => new Promise<T>(() => undefined);

/**
 * Home's competition and tasks cards, each with its own loading and error state so neither can
 * break the page. They start once the member's main data is in (`member` set), so balances show
 * first; the tasks card exists for KOS (store clerks) only and is null for everyone else.
 */
export function useHomeCards(member: { type: MemberType } | null): HomeCardsData {
  const isMember = member !== null;
  const isKos = member?.type === 'kos';
  const competition = useAsync(() => (isMember ? loadStanding() : notYet<CompetitionStanding | null>()), [isMember]);
  const tasks = useAsync(() => (isKos ? loadTasksDue() : notYet<TasksDue | null>()), [isKos]);
  const reload = async () => {
    await Promise.all([isMember ? competition.reload() : null, isKos ? tasks.reload() : null]);
  };
  return { competition, tasks: isKos ? tasks : null, reload };
}
