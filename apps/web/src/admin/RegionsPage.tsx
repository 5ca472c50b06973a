import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { regionChildrenQuery } from '../shared/api/directory';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { PageHeading } from '../shared/components/PageHeading';
import { OrganisationDrawer } from '../shared/directory/OrganisationDrawer';
import { useT } from '../shared/i18n/LocaleProvider';
import { RegionDetail } from './RegionDetail';
import { RegionTree } from './RegionTree';

/** 行政区划: the region tree beside the selected region and its organisations. */
export function RegionsPage() {
  const t = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const [openOrganisation, setOpenOrganisation] = useState<string>();
  const roots = useQuery(regionChildrenQuery(null));
  const rootCode = roots.data?.items[0]?.code;
  // The selection lives in the URL so a region can be linked to; the province by default.
  const selected = searchParams.get('code') ?? rootCode;

  return (
    <>
      <PageHeading title={t('admin.regions.title')} description={t('admin.regions.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <Card
            className="zt-card"
            title={
              <Typography.Title level={2} className="zt-card-heading">
                {t('region.tree')}
              </Typography.Title>
            }
          >
            <RegionTree
              selected={selected}
              onSelect={(code) => setSearchParams(code === rootCode ? {} : { code })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16} className="zt-stack">
          {selected ? (
            <RegionDetail code={selected} onOpenOrganisation={setOpenOrganisation} />
          ) : (
            // The tree beside shows why the root is missing if it failed to load.
            roots.isPending && <LoadingBlock />
          )}
        </Col>
      </Row>
      <OrganisationDrawer
        organisationId={openOrganisation}
        onClose={() => setOpenOrganisation(undefined)}
      />
    </>
  );
}
