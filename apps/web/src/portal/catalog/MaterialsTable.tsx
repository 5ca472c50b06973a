import { DatabaseOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import type { BundleMaterial, Material } from '@zhengtong/contracts';
import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useT } from '../../shared/i18n/LocaleProvider';
import { isSafeLink, materialFormKey } from './labels';
import { useCertificateTypeNames } from './useCertificateTypeNames';

type AnyMaterial = Material | BundleMaterial;

interface MaterialsTableProps {
  materials: readonly AnyMaterial[];
  /** names by item code; when given, a 涉及事项 column lists the items that ask for each */
  itemNames?: ReadonlyMap<string, string>;
  caption: string;
}

/** 申请材料: what to hand in, and what the applicant need not (免提交 / 免填报). */
export function MaterialsTable({ materials, itemNames, caption }: MaterialsTableProps) {
  const t = useT();
  const certificateName = useCertificateTypeNames(
    materials.some((material) => material.source === 'certificate'),
  );

  if (materials.length === 0) {
    return <Typography.Paragraph>{t('catalog.material.none')}</Typography.Paragraph>;
  }

  const exempt = materials.filter((material) => material.source !== 'upload').length;
  const columns: TableColumnsType<AnyMaterial> = [
    {
      key: 'index',
      title: t('catalog.material.index'),
      width: 64,
      align: 'center',
      render: (_value, _material, index) => index + 1,
    },
    {
      key: 'name',
      title: t('catalog.material.name'),
      dataIndex: 'name',
      render: (_value, material) => <MaterialName material={material} />,
    },
    {
      key: 'requirement',
      title: t('catalog.material.requirement'),
      dataIndex: 'requirement',
      render: (_value, material) =>
        material.requirement === 'required' ? (
          <Tag color="volcano">{t('catalog.material.required')}</Tag>
        ) : (
          <Tag color="gold">{t('catalog.material.conditional')}</Tag>
        ),
    },
    {
      key: 'form',
      title: t('catalog.material.form'),
      dataIndex: 'form',
      render: (_value, material) => t(materialFormKey[material.form]),
    },
    {
      key: 'copies',
      title: t('catalog.material.copies'),
      dataIndex: 'copies',
      render: (_value, material) =>
        material.copies > 0 ? t('catalog.material.copiesValue', { count: material.copies }) : '—',
    },
    {
      key: 'source',
      title: t('catalog.material.source'),
      dataIndex: 'source',
      render: (_value, material) => (
        <MaterialSourceTag material={material} certificateName={certificateName} />
      ),
    },
  ];
  if (itemNames) {
    columns.push({
      key: 'requiredBy',
      title: t('catalog.material.requiredBy'),
      render: (_value, material) =>
        'requiredBy' in material ? (
          <ul className="zt-plain-list">
            {material.requiredBy.map((code) => (
              <li key={code}>{itemNames.get(code) ?? code}</li>
            ))}
          </ul>
        ) : null,
    });
  }

  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('catalog.material.summary', { total: materials.length, exempt })}
      </Typography.Paragraph>
      <Table<AnyMaterial>
        rowKey="key"
        size="small"
        bordered
        columns={columns}
        dataSource={materials}
        pagination={false}
        caption={<span className="zt-visually-hidden">{caption}</span>}
        scroll={{ x: 'max-content' }}
        className="zt-materials"
      />
    </>
  );
}

function MaterialName({ material }: { material: AnyMaterial }) {
  const t = useT();
  const links = [
    { url: material.sampleUrl, label: t('catalog.material.sample') },
    { url: material.blankFormUrl, label: t('catalog.material.blankForm') },
  ].filter((link): link is { url: string; label: string } => !!link.url);
  return (
    <div className="zt-material-name">
      <span>{material.name}</span>
      {material.requirement === 'conditional' && material.condition && (
        <span className="zt-subline zt-muted">
          {t('catalog.material.when', { condition: material.condition })}
        </span>
      )}
      {material.note && <span className="zt-subline zt-muted">{material.note}</span>}
      {links.length > 0 && (
        <span className="zt-subline zt-material-links">
          {links.map((link) =>
            isSafeLink(link.url) ? (
              <a
                key={link.label}
                href={link.url}
                target="_blank"
                rel="noopener noreferrer"
                aria-label={`${material.name} ${link.label}`}
              >
                {link.label}
              </a>
            ) : (
              <span key={link.label} className="zt-muted">
                {link.label}
              </span>
            ),
          )}
        </span>
      )}
    </div>
  );
}

interface MaterialSourceTagProps {
  material: AnyMaterial;
  certificateName: (code: string) => string;
}

function MaterialSourceTag({ material, certificateName }: MaterialSourceTagProps) {
  const t = useT();
  switch (material.source) {
    case 'certificate':
      return (
        <Tag color="green" icon={<SafetyCertificateOutlined aria-hidden />} className="zt-wrap-tag">
          {t('catalog.material.source.certificate', {
            name: material.certificateTypeCode ? certificateName(material.certificateTypeCode) : '',
          })}
        </Tag>
      );
    case 'sharedData':
      return (
        <Tag color="blue" icon={<DatabaseOutlined aria-hidden />} className="zt-wrap-tag">
          {t('catalog.material.source.sharedData', {
            resource: material.sharedDataResource ?? '',
          })}
        </Tag>
      );
    case 'upload':
      return (
        <Tag icon={<UploadOutlined aria-hidden />} className="zt-wrap-tag">
          {t('catalog.material.source.upload')}
        </Tag>
      );
  }
}
