import type { LifeEvent } from '@zhengtong/contracts';
import { Link, type To } from 'react-router';
import { useT } from '../../shared/i18n/LocaleProvider';
import { lifeEventKey } from './labels';

interface LifeEventChipsProps {
  /** names the group for screen readers */
  label: string;
  events: readonly LifeEvent[];
  selected?: LifeEvent | undefined;
  /** where a chip leads; with `undefined`, the "any" chip that clears the choice */
  linkTo: (event: LifeEvent | undefined) => To;
  /** show an "any" chip first */
  withAny?: boolean;
}

/**
 * 主题: life events (出生, 入学 …) or business themes as chips. They are links, since choosing one
 * goes to a search (and the back button undoes it).
 */
export function LifeEventChips({ label, events, selected, linkTo, withAny }: LifeEventChipsProps) {
  const t = useT();
  return (
    <ul className="zt-chips" aria-label={label}>
      {withAny && (
        <li>
          <Link
            to={linkTo(undefined)}
            className="zt-chip"
            aria-current={selected === undefined ? 'true' : undefined}
          >
            {t('catalog.filter.allLifeEvents')}
          </Link>
        </li>
      )}
      {events.map((event) => (
        <li key={event}>
          <Link
            to={linkTo(event)}
            className="zt-chip"
            aria-current={selected === event ? 'true' : undefined}
          >
            {t(lifeEventKey[event])}
          </Link>
        </li>
      ))}
    </ul>
  );
}
