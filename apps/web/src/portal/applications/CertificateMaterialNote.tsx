import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import type { CertificateMaterial } from '@zhengtong/contracts';
import { Tag } from 'antd';
import { Link } from 'react-router';
import { certificateLinks } from '../../shared/api/certificates';
import { useT } from '../../shared/i18n/LocaleProvider';

/**
 * 免提交: a material met by an e-certificate, as the server verified it when the application
 * was read — its type, its identifier (linking to the public verification page) and the outcome.
 * Shown to the applicant (我的办件) and to the officers (工作台) in place of files.
 */
export function CertificateMaterialNote({ material }: { material: CertificateMaterial }) {
  const t = useT();
  const valid = material.verification === 'valid';
  return (
    <span className="zt-certificate-material">
      <SafetyCertificateOutlined aria-hidden />{' '}
      {t('certificateMaterial.label', { type: material.typeName })}{' '}
      <Link
        to={certificateLinks.verifyPage(material.identifier)}
        target="_blank"
        rel="noreferrer"
        className="zt-code"
        aria-label={t('certificateMaterial.verify', { identifier: material.identifier })}
      >
        {material.identifier}
      </Link>{' '}
      <Tag
        color={valid ? 'green' : 'red'}
        icon={valid ? <CheckCircleOutlined aria-hidden /> : <CloseCircleOutlined aria-hidden />}
      >
        {t(`certificateMaterial.${material.verification}`)}
      </Tag>
    </span>
  );
}
