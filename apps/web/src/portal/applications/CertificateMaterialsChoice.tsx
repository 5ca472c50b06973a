import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type {
  CertificateMaterialChoice,
  CertificateMaterialOptions,
  Material,
} from '@zhengtong/contracts';
import { Alert, Checkbox, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { certificateOptionsQuery } from '../../shared/api/certificates';
import type { Session } from '../../shared/api/identity';
import { useT } from '../../shared/i18n/LocaleProvider';

/** materialKey → the chosen certificate (undefined: none, the material is uploaded) */
type Choices = Readonly<Record<string, string | undefined>>;

export interface CertificateChoices {
  options: UseQueryResult<CertificateMaterialOptions>;
  choices: Choices;
  choose: (materialKey: string, certificateId: string | undefined) => void;
  /** what the submit sends */
  selected: CertificateMaterialChoice[];
}

/**
 * 免提交 on the apply page: the applicant's valid wallet certificates for each material a
 * certificate meets. Where exactly one matches it is chosen from the start; any change the
 * applicant makes wins over that.
 */
export function useCertificateChoices(
  listId: string,
  me: Session,
  materials: readonly Material[],
): CertificateChoices {
  const wanted = materials.some((material) => material.source === 'certificate');
  const options = useQuery({
    ...certificateOptionsQuery(listId, me.actingFor?.id ?? me.accountId),
    enabled: wanted,
  });
  const [changed, setChanged] = useState<Choices>({});
  const defaults = useMemo<Choices>(
    () =>
      Object.fromEntries(
        (options.data?.items ?? []).flatMap((item) =>
          item.certificates.length === 1 ? [[item.materialKey, item.certificates[0]!.id]] : [],
        ),
      ),
    [options.data],
  );
  const choices = useMemo<Choices>(() => ({ ...defaults, ...changed }), [defaults, changed]);
  const selected = useMemo(
    () =>
      Object.entries(choices).flatMap(([materialKey, certificateId]) =>
        certificateId ? [{ materialKey, certificateId }] : [],
      ),
    [choices],
  );
  return {
    options,
    choices,
    choose: (materialKey, certificateId) =>
      setChanged((before) => ({ ...before, [materialKey]: certificateId })),
    selected,
  };
}

/** The certificate materials of the list with a checkbox for each matching certificate. */
export function CertificateMaterialsChoice({
  materials,
  state,
  disabled,
}: {
  materials: readonly Material[];
  state: CertificateChoices;
  disabled: boolean;
}) {
  const t = useT();
  const { options, choices, choose } = state;
  const items = options.data?.items ?? [];
  if (!materials.some((material) => material.source === 'certificate')) return null;
  if (options.isError) {
    return <Alert type="warning" showIcon title={t('apply.certificates.failed')} />;
  }
  if (items.length === 0) return null;
  const byKey = new Map(materials.map((material) => [material.key, material]));
  return (
    <section aria-labelledby="zt-apply-certificates-heading" className="zt-apply-note">
      <Typography.Title level={3} id="zt-apply-certificates-heading" className="zt-card-heading">
        {t('apply.certificates.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('apply.certificates.hint')}</Typography.Paragraph>
      <ul className="zt-plain-list">
        {items.map((item) => {
          const name = byKey.get(item.materialKey)?.name ?? item.materialKey;
          return (
            <li key={item.materialKey}>
              <strong>{name}</strong>
              {item.certificates.length === 0 ? (
                <Typography.Paragraph type="secondary">
                  {t('apply.certificates.none', { type: name })}
                </Typography.Paragraph>
              ) : (
                <Space orientation="vertical" size={2} className="zt-subline">
                  {item.certificates.map((certificate) => (
                    <Checkbox
                      key={certificate.id}
                      checked={choices[item.materialKey] === certificate.id}
                      disabled={disabled}
                      onChange={(event) =>
                        choose(item.materialKey, event.target.checked ? certificate.id : undefined)
                      }
                    >
                      {t('apply.certificates.use')}
                      <span className="zt-subline zt-muted">
                        {certificate.typeName}{' '}
                        <span className="zt-code">{certificate.identifier}</span> ·{' '}
                        {certificate.issuerName} ·{' '}
                        {certificate.validTo
                          ? t('apply.certificates.validTo', { date: certificate.validTo })
                          : t('apply.certificates.noExpiry')}
                      </span>
                    </Checkbox>
                  ))}
                </Space>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
