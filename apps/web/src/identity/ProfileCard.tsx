import { useState } from 'react';
import { Button, Card, Descriptions, Space, Tag } from 'antd';
import type { MyPersonalData } from '@zhengtong/contracts';
import { fetchMyPersonalData } from '../shared/api/identity';
import type { Session } from '../shared/api/identity';
import { OrganisationName } from '../shared/directory/OrganisationName';
import { RegionName } from '../shared/directory/RegionName';
import { useT } from '../shared/i18n/LocaleProvider';
import { roleLabelKey } from '../shared/identity/roles';

/** 基本信息: ID number and phone masked, as everywhere; the holder may reveal them (audited). */
export function ProfileCard({ me }: { me: Session }) {
  const t = useT();
  const [revealed, setRevealed] = useState<MyPersonalData | undefined>();
  const [revealing, setRevealing] = useState(false);
  const toggle = async () => {
    if (revealed) return setRevealed(undefined);
    setRevealing(true);
    try {
      setRevealed(await fetchMyPersonalData());
    } finally {
      setRevealing(false);
    }
  };
  const reveal = (
    <Button type="link" size="small" loading={revealing} onClick={() => void toggle()}>
      {revealed ? t('me.hidePersonal') : t('me.showPersonal')}
    </Button>
  );
  return (
    <Card
      className="zt-card"
      title={
        <h2 className="zt-card-heading" id="me-profile">
          {t('me.profile')}
        </h2>
      }
    >
      <Descriptions column={1} size="small" aria-labelledby="me-profile">
        <Descriptions.Item label={t('me.name')}>{me.name}</Descriptions.Item>
        <Descriptions.Item label={t('me.kind')}>{t(`me.kind.${me.kind}`)}</Descriptions.Item>
        {me.idNumberMasked && (
          <Descriptions.Item label={t('register.idNumber')}>
            <span className="zt-code">{revealed?.idNumber ?? me.idNumberMasked}</span>
            {reveal}
          </Descriptions.Item>
        )}
        {me.phoneMasked && (
          <Descriptions.Item label={t('register.phone')}>
            <span className="zt-code">{revealed?.phone ?? me.phoneMasked}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('me.roles')}>
          {me.roles.length > 0 ? (
            <Space size={[4, 4]} wrap>
              {me.roles.map((role) => (
                <Tag key={role}>{t(roleLabelKey(role))}</Tag>
              ))}
            </Space>
          ) : (
            <span className="zt-muted">{t('me.noRoles')}</span>
          )}
        </Descriptions.Item>
        {me.organisationId && (
          <Descriptions.Item label={t('me.organisation')}>
            <OrganisationName id={me.organisationId} />
          </Descriptions.Item>
        )}
        {me.jurisdiction && (
          <Descriptions.Item label={t('me.jurisdiction')}>
            <RegionName code={me.jurisdiction} />
          </Descriptions.Item>
        )}
        {me.actingFor && (
          <Descriptions.Item label={t('me.actingFor')}>{me.actingFor.name}</Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
