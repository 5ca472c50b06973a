import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type {
  Application,
  ApplicationFile,
  ImplementationListVersion,
  Material,
} from '@zhengtong/contracts';
import { Card, Space, Table, Tag, type TableColumnsType } from 'antd';
import { CertificateMaterialNote } from '../portal/applications/CertificateMaterialNote';
import { materialFormKey } from '../portal/catalog/labels';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { useFormatDate, useT } from '../shared/i18n/LocaleProvider';
import { applicationFilesQuery, fileContentUrl } from './api';
import { dateTimeText } from './labels';

interface MaterialRow {
  key: string;
  /** undefined for files under a key the list version does not have (any more) */
  material: Material | undefined;
  files: ApplicationFile[];
}

/** Bytes as B / KB / MB, one decimal from KB on. */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * 申请材料: each material the list asks for with its requirement, the files the applicant
 * uploaded for it (to download), and whether it is promised later (容缺) or to be corrected (补正).
 */
export function MaterialsCard({
  application,
  version,
  versionPending,
}: {
  application: Application;
  version: ImplementationListVersion | null;
  /** the list's requirements are still loading: do not claim there are none */
  versionPending: boolean;
}) {
  const t = useT();
  const formatDate = useFormatDate();
  const files = useQuery(applicationFilesQuery(application.id));

  const pending = new Set(application.pendingMaterials);
  const toCorrect = new Set(
    (application.supplement ?? []).flatMap((item) => (item.materialKey ? [item.materialKey] : [])),
  );
  const materials = version?.elements.materials ?? [];
  const filesByKey = new Map<string, ApplicationFile[]>();
  for (const file of files.data?.items ?? []) {
    filesByKey.set(file.materialKey, [...(filesByKey.get(file.materialKey) ?? []), file]);
  }
  const known = new Set(materials.map((material) => material.key));
  const rows: MaterialRow[] = [
    ...materials.map((material) => ({
      key: material.key,
      material,
      files: filesByKey.get(material.key) ?? [],
    })),
    ...[...filesByKey]
      .filter(([key]) => !known.has(key))
      .map(([key, keyFiles]) => ({ key, material: undefined, files: keyFiles })),
  ];

  const columns: TableColumnsType<MaterialRow> = [
    {
      key: 'name',
      title: t('workbench.material.name'),
      render: (_value, row) => (
        <>
          <span>{row.material?.name ?? <span className="zt-code">{row.key}</span>}</span>
          {pending.has(row.key) && (
            <>
              {' '}
              <Tag color="gold">{t('workbench.material.pending')}</Tag>
            </>
          )}
          {toCorrect.has(row.key) && (
            <>
              {' '}
              <Tag color="orange">{t('workbench.material.toCorrect')}</Tag>
            </>
          )}
          {row.material?.condition && (
            <span className="zt-subline zt-muted">
              {t('catalog.material.when', { condition: row.material.condition })}
            </span>
          )}
          {row.material?.note && <span className="zt-subline zt-muted">{row.material.note}</span>}
        </>
      ),
    },
    {
      key: 'requirement',
      title: t('workbench.material.requirement'),
      render: (_value, row) => {
        const material = row.material;
        if (!material) return <span className="zt-muted">{t('workbench.material.notInList')}</span>;
        return (
          <>
            {material.requirement === 'required' ? (
              <Tag color="volcano">{t('catalog.material.required')}</Tag>
            ) : (
              <Tag color="gold">{t('catalog.material.conditional')}</Tag>
            )}
            <span className="zt-subline zt-muted">
              {t(materialFormKey[material.form])}
              {material.copies > 0 &&
                ` · ${t('catalog.material.copiesValue', { count: material.copies })}`}
            </span>
            {material.source === 'certificate' && (
              <span className="zt-subline zt-muted">{t('workbench.material.byCertificate')}</span>
            )}
            {material.source === 'sharedData' && (
              <span className="zt-subline zt-muted">{t('workbench.material.bySharedData')}</span>
            )}
          </>
        );
      },
    },
    {
      key: 'files',
      title: t('workbench.material.files'),
      render: (_value, row) => {
        // 免提交: a certificate the applicant chose, verified when the application was read
        const certificates = (application.certificateMaterials ?? []).filter(
          (chosen) => chosen.materialKey === row.key,
        );
        if (certificates.length > 0 && row.files.length === 0) {
          return (
            <Space orientation="vertical" size={2}>
              {certificates.map((chosen) => (
                <CertificateMaterialNote key={chosen.certificateId} material={chosen} />
              ))}
            </Space>
          );
        }
        if (files.isPending) return <span className="zt-muted">…</span>;
        if (row.files.length === 0) {
          return <span className="zt-muted">{t('workbench.material.noFiles')}</span>;
        }
        return (
          <Space orientation="vertical" size={2}>
            {row.files.map((file) => (
              <span key={file.id}>
                <a href={fileContentUrl(application.id, file.id)} download={file.fileName}>
                  <PaperClipOutlined /> {file.fileName}
                </a>
                <span className="zt-subline zt-muted">
                  {sizeText(file.size)} · {dateTimeText(file.uploadedAt, formatDate, t)}
                </span>
              </span>
            ))}
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      className="zt-card zt-note"
      title={<h2 className="zt-card-heading">{t('workbench.app.materials')}</h2>}
    >
      {files.isError && (
        <div className="zt-note">
          <ApiErrorAlert error={files.error} onRetry={() => void files.refetch()} />
        </div>
      )}
      {(files.isPending || versionPending) && materials.length === 0 ? (
        <LoadingBlock />
      ) : (
        <Table<MaterialRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          caption={<span className="zt-visually-hidden">{t('workbench.app.materials')}</span>}
          locale={{ emptyText: t('workbench.material.none') }}
        />
      )}
    </Card>
  );
}
