import type { DayKind } from '@zhengtong/contracts';
import type { MessageKey } from '../i18n/messages';

export interface DayMark {
  /** 休 or 班, the marks printed on Chinese wall calendars */
  markKey: MessageKey;
  color: string;
}

export const dayKindLabelKey: Record<DayKind, MessageKey> = {
  workday: 'calendar.kind.workday',
  weekend: 'calendar.kind.weekend',
  holiday: 'calendar.kind.holiday',
  adjustedWorkingDay: 'calendar.kind.adjustedWorkingDay',
};

/** Holidays get a red 休, 调休 working days a 班; ordinary days no mark. */
export function dayMark(kind: DayKind): DayMark | undefined {
  switch (kind) {
    case 'holiday':
      return { markKey: 'calendar.mark.rest', color: 'red' };
    case 'adjustedWorkingDay':
      return { markKey: 'calendar.mark.work', color: 'blue' };
    default:
      return undefined;
  }
}
