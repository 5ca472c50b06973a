import { useQuery } from '@tanstack/react-query';
import type { PublicStatsRow } from '@zhengtong/contracts';
import { Card } from 'antd';
import { publicStatsQuery } from '../../shared/api/evaluations';
import { PageHeading } from '../../shared/components/PageHeading';
import { QueryTable } from '../../shared/components/QueryTable';
import { useLocale } from '../../shared/i18n/LocaleProvider';
import { rateColumns } from './rateColumns';

/** 好差评 结果公开 (/evaluations; public): each organisation's volume and rates. */
export function PublicEvaluationsPage() {
  const { t, locale } = useLocale();
  const query = useQuery(publicStatsQuery());
  return (
    <>
      <PageHeading
        title={t('evaluation.public.title')}
        description={t('evaluation.public.description')}
      />
      <Card className="zt-card">
        <QueryTable<PublicStatsRow>
          query={query}
          rowKey="organisationId"
          columns={[
            { title: t('evaluation.col.organisation'), dataIndex: 'name' },
            ...rateColumns<PublicStatsRow>(t, locale),
          ]}
          caption={t('evaluation.public.title')}
          emptyText={t('evaluation.public.none')}
        />
      </Card>
    </>
  );
}
