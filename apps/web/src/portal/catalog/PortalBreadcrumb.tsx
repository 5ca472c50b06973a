import { Breadcrumb } from 'antd';
import { Link, type To } from 'react-router';
import { useT } from '../../shared/i18n/LocaleProvider';

interface Crumb {
  label: string;
  /** absent on the current page */
  to?: To;
}

/** 当前位置: 办事大厅 › … › this page. */
export function PortalBreadcrumb({ crumbs }: { crumbs: readonly Crumb[] }) {
  const t = useT();
  const all: readonly Crumb[] = [{ label: t('nav.portal'), to: '/portal' }, ...crumbs];
  return (
    <Breadcrumb
      aria-label={t('catalog.nav.breadcrumb')}
      className="zt-breadcrumb zt-no-print"
      items={all.map((crumb, index) => ({
        key: index,
        title:
          crumb.to === undefined ? (
            <span aria-current="page">{crumb.label}</span>
          ) : (
            <Link to={crumb.to}>{crumb.label}</Link>
          ),
      }))}
    />
  );
}
