import { toShanghaiDate } from '../../kernel/calendar/working-days.js';
import type { Drizzle } from '../../kernel/db/database.js';
import { publishEvent } from '../../kernel/events/outbox.js';
import { openTasksPastWarning } from '../workflow/index.js';
import * as store from './store.js';

/** 预警: the durable recurring job that warns officers of tasks whose warning day came. */
export const DEADLINE_WARNING_JOB = 'messaging.deadline-warnings';
export const DEADLINE_WARNING_EVERY_MS = 15 * 60_000;
/** The event the job publishes per task; the notifier tells the officers from it. */
export const DEADLINE_WARNING_TOPIC = 'messaging.task.deadlineWarning';

const PAGE = 500;

/**
 * Finds the open tasks past their warning day (Asia/Shanghai) not warned of yet, records each
 * as warned and publishes a warning event for it in one transaction, so each task is warned of
 * once however often and on however many instances this runs. Returns how many it warned of.
 */
export async function warnDueTasks(db: Drizzle, now = new Date()): Promise<number> {
  const today = toShanghaiDate(now);
  let afterId: string | undefined;
  let warned = 0;
  for (;;) {
    const page = await openTasksPastWarning(db, { today, afterId, limit: PAGE });
    if (page.length === 0) return warned;
    afterId = page.at(-1)!.id;
    const before = await store.warnedTasks(
      db,
      page.map((t) => t.id),
    );
    const fresh = page.filter((t) => !before.has(t.id));
    if (fresh.length > 0) {
      warned += await db.transaction(async (tx) => {
        const claimed = new Set(
          await store.claimTaskWarnings(
            tx,
            fresh.map((t) => t.id),
            now,
          ),
        );
        for (const task of fresh) {
          if (!claimed.has(task.id)) continue;
          await publishEvent(tx, DEADLINE_WARNING_TOPIC, {
            taskId: task.id,
            name: task.name,
            businessKey: task.businessKey,
            candidateRole: task.candidateRole,
            candidateOrganisationId: task.candidateOrganisationId,
            assignee: task.assignee,
            dueDate: task.dueDate,
            warnDate: task.warnDate,
          });
        }
        return claimed.size;
      });
    }
    if (page.length < PAGE) return warned;
  }
}
