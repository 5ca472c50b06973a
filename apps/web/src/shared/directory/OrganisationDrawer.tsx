import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Typography } from 'antd';
import { organisationQuery } from '../api/directory';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { LoadingBlock } from '../components/LoadingBlock';
import { useT } from '../i18n/LocaleProvider';
import { OrganisationKindTag } from './OrganisationKindTag';
import { OrganisationName } from './OrganisationName';
import { RegionName } from './RegionName';
import { ServiceWindowList } from './ServiceWindowList';

interface OrganisationDrawerProps {
  organisationId: string | undefined;
  onClose: () => void;
}

/** An organisation's particulars and, for a service hall, its windows. */
export function OrganisationDrawer({ organisationId, onClose }: OrganisationDrawerProps) {
  const t = useT();
  return (
    <Drawer
      open={organisationId !== undefined}
      onClose={onClose}
      size={760}
      title={organisationId ? <DrawerTitle id={organisationId} /> : null}
      closable={{ 'aria-label': t('common.close') }}
      destroyOnHidden
    >
      {organisationId && <OrganisationDetail id={organisationId} />}
    </Drawer>
  );
}

function DrawerTitle({ id }: { id: string }) {
  const { data } = useQuery(organisationQuery(id));
  return <span>{data?.name ?? '…'}</span>;
}

function OrganisationDetail({ id }: { id: string }) {
  const t = useT();
  const query = useQuery(organisationQuery(id));
  if (query.isPending) return <LoadingBlock />;
  if (query.isError)
    return <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />;

  const organisation = query.data;
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'name', label: t('organisation.name'), children: organisation.name },
          {
            key: 'shortName',
            label: t('organisation.shortName'),
            children: organisation.shortName ?? '—',
          },
          {
            key: 'kind',
            label: t('organisation.kind'),
            children: <OrganisationKindTag kind={organisation.kind} />,
          },
          {
            key: 'region',
            label: t('organisation.region'),
            children: <RegionName code={organisation.regionCode} />,
          },
          {
            key: 'parent',
            label: t('organisation.parent'),
            children: organisation.parentId ? <OrganisationName id={organisation.parentId} /> : '—',
          },
          {
            key: 'creditCode',
            label: t('organisation.creditCode'),
            children: organisation.creditCode ? (
              <Typography.Text copyable code>
                {organisation.creditCode}
              </Typography.Text>
            ) : (
              '—'
            ),
          },
        ]}
      />
      {organisation.kind === 'serviceHall' ? (
        <section className="zt-drawer-section" aria-labelledby="zt-drawer-windows">
          <Typography.Title level={3} id="zt-drawer-windows" className="zt-section-title">
            {t('window.title')}
          </Typography.Title>
          <ServiceWindowList serviceHallId={organisation.id} caption={t('window.title')} />
        </section>
      ) : (
        <Typography.Paragraph type="secondary" className="zt-drawer-section">
          {t('organisation.noWindows')}
        </Typography.Paragraph>
      )}
    </>
  );
}
