import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Switch, Typography } from 'antd';
import { useId, useState } from 'react';
import { organisationsQuery, regionQuery } from '../shared/api/directory';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { useT } from '../shared/i18n/LocaleProvider';
import { regionLevelKey } from '../shared/directory/labels';
import { OrganisationTable } from '../shared/directory/OrganisationTable';
import { RegionName } from '../shared/directory/RegionName';

interface RegionDetailProps {
  code: string;
  onOpenOrganisation: (id: string) => void;
}

/** A region's particulars and the organisations bound to it. */
export function RegionDetail({ code, onOpenOrganisation }: RegionDetailProps) {
  const t = useT();
  const query = useQuery(regionQuery(code));

  if (query.isPending) return <LoadingBlock />;
  if (query.isError)
    return <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />;

  const region = query.data;
  return (
    <>
      <Card
        className="zt-card"
        title={
          <Typography.Title level={2} className="zt-card-heading">
            {region.name}
          </Typography.Title>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            {
              key: 'code',
              label: t('region.code'),
              children: <span className="zt-code">{region.code}</span>,
            },
            { key: 'level', label: t('region.level'), children: t(regionLevelKey[region.level]) },
            {
              key: 'parent',
              label: t('region.parent'),
              children: region.parentCode ? <RegionName code={region.parentCode} /> : '—',
            },
            { key: 'children', label: t('region.childCount'), children: region.childCount },
          ]}
        />
      </Card>
      <RegionOrganisations
        code={region.code}
        regionName={region.name}
        onOpenOrganisation={onOpenOrganisation}
      />
    </>
  );
}

interface RegionOrganisationsProps {
  code: string;
  regionName: string;
  onOpenOrganisation: (id: string) => void;
}

function RegionOrganisations({ code, regionName, onOpenOrganisation }: RegionOrganisationsProps) {
  const t = useT();
  const headingId = useId();
  const switchId = useId();
  const [subtree, setSubtree] = useState(false);
  const query = useQuery(organisationsQuery({ region: code, subtree }));

  return (
    <Card
      className="zt-card"
      title={
        <Typography.Title level={2} id={headingId} className="zt-card-heading">
          {t('region.organisations')}
        </Typography.Title>
      }
    >
      <section aria-labelledby={headingId}>
        {/* In the body, not the card head: a long title and the switch do not fit one line. */}
        <div className="zt-toolbar">
          <label htmlFor={switchId} className="zt-inline-label">
            <Switch id={switchId} size="small" checked={subtree} onChange={setSubtree} />
            {t('region.includeSubtree')}
          </label>
        </div>
        {query.isPending && <LoadingBlock />}
        {query.isError && (
          <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        )}
        {query.data && (
          <OrganisationTable
            organisations={query.data.items}
            onOpen={onOpenOrganisation}
            caption={t('region.organisationsOf', { region: regionName })}
            showRegion={subtree}
            pageSize={10}
          />
        )}
      </section>
    </Card>
  );
}
