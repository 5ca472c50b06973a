import {
  DatabaseOutlined,
  DeleteOutlined,
  DownloadOutlined,
  PaperClipOutlined,
  SafetyCertificateOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import type {
  Application,
  ApplicationFile,
  ApplicationFileList,
  Material,
} from '@zhengtong/contracts';
import { Alert, App, Button, Popconfirm, Progress, Space, Tag, Typography, Upload } from 'antd';
import type { RcFile } from 'antd/es/upload';
import { useState, type ReactNode } from 'react';
import { isApiError } from '../../shared/api/ApiError';
import {
  applicationFileContentUrl,
  isOpenApplication,
  useDeleteApplicationFile,
  useUploadMaterialFile,
} from '../../shared/api/applications';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { useT } from '../../shared/i18n/LocaleProvider';
import { useCertificateTypeNames } from '../catalog/useCertificateTypeNames';
import { CertificateMaterialNote } from './CertificateMaterialNote';
import { useDateTexts } from './dates';
import {
  acceptAttribute,
  defaultAcceptedTypes,
  defaultMaxBytes,
  formatBytes,
  mediaTypeName,
} from './labels';

interface MaterialsSectionProps {
  application: Application;
  /** the materials of the list; undefined while they load or when they cannot be had */
  materials: readonly Material[] | undefined;
  files: UseQueryResult<ApplicationFileList>;
}

/**
 * 申请材料: every material of the list with the applicant's files. Files can be added and
 * removed until the application is accepted; certificates and shared data need none.
 */
export function MaterialsSection({ application, materials, files }: MaterialsSectionProps) {
  const t = useT();
  const open = isOpenApplication(application.status);
  const [othersProblem, setOthersProblem] = useState<unknown>();
  const certificateName = useCertificateTypeNames(
    materials?.some((material) => material.source === 'certificate') ?? false,
  );

  if (files.isError) {
    return <ApiErrorAlert error={files.error} onRetry={() => void files.refetch()} />;
  }
  if (!materials || files.isPending) return <LoadingBlock />;

  const all = files.data.items;
  const known = new Set(materials.map((material) => material.key));
  const others = all.filter((file) => !known.has(file.materialKey));

  return (
    <div className="zt-stack">
      <Typography.Paragraph type="secondary" className="zt-alert-text">
        {open ? t('myApplications.materials.open') : t('myApplications.materials.closed')}
      </Typography.Paragraph>
      {materials.length === 0 && (
        <Typography.Paragraph>{t('myApplications.materials.none')}</Typography.Paragraph>
      )}
      <ol className="zt-material-uploads">
        {materials.map((material) => (
          <li key={material.key} className="zt-material-upload">
            <MaterialEntry
              application={application}
              material={material}
              files={all.filter((file) => file.materialKey === material.key)}
              open={open}
              certificateName={certificateName}
            />
          </li>
        ))}
        {others.length > 0 && (
          <li className="zt-material-upload">
            <div className="zt-material-upload-head">
              <strong>{t('myApplications.materials.others')}</strong>
            </div>
            {othersProblem !== undefined && <ApiErrorAlert error={othersProblem} />}
            <FileList
              application={application}
              files={others}
              open={open}
              onProblem={setOthersProblem}
            />
          </li>
        )}
      </ol>
    </div>
  );
}

interface MaterialEntryProps {
  application: Application;
  material: Material;
  files: readonly ApplicationFile[];
  open: boolean;
  certificateName: (code: string) => string;
}

function MaterialEntry({
  application,
  material,
  files,
  open,
  certificateName,
}: MaterialEntryProps) {
  const t = useT();
  const pending = application.pendingMaterials.includes(material.key);
  const missing =
    material.source === 'upload' && material.requirement === 'required' && files.length === 0;
  // 免提交: the wallet certificates chosen for it at submit, verified when the page was read
  const certificates = (application.certificateMaterials ?? []).filter(
    (chosen) => chosen.materialKey === material.key,
  );
  return (
    <>
      <div className="zt-material-upload-head">
        <span className="zt-material-upload-name">
          <strong>{material.name}</strong>
          {material.requirement === 'required' ? (
            <Tag color="volcano">{t('catalog.material.required')}</Tag>
          ) : (
            <Tag color="gold">{t('catalog.material.conditional')}</Tag>
          )}
          {pending && <Tag color="purple">{t('myApplications.materials.pending')}</Tag>}
          {missing && open && <Tag color="orange">{t('myApplications.materials.missing')}</Tag>}
        </span>
        {material.source === 'certificate' && (
          <Tag
            color="green"
            icon={<SafetyCertificateOutlined aria-hidden />}
            className="zt-wrap-tag"
          >
            {t('catalog.material.source.certificate', {
              name: material.certificateTypeCode
                ? certificateName(material.certificateTypeCode)
                : '',
            })}
          </Tag>
        )}
        {material.source === 'sharedData' && (
          <Tag color="blue" icon={<DatabaseOutlined aria-hidden />} className="zt-wrap-tag">
            {t('catalog.material.source.sharedData', {
              resource: material.sharedDataResource ?? '',
            })}
          </Tag>
        )}
      </div>
      {material.requirement === 'conditional' && material.condition && (
        <span className="zt-subline zt-muted">
          {t('catalog.material.when', { condition: material.condition })}
        </span>
      )}
      {material.note && <span className="zt-subline zt-muted">{material.note}</span>}
      {certificates.length > 0 && (
        <ul className="zt-plain-list zt-material-files">
          {certificates.map((chosen) => (
            <li key={chosen.certificateId}>
              <CertificateMaterialNote material={chosen} />
            </li>
          ))}
        </ul>
      )}
      {material.source === 'upload' && (
        <UploadMaterial application={application} material={material} files={files} open={open} />
      )}
    </>
  );
}

type Problem = { error: unknown } | { text: string };

function UploadMaterial({
  application,
  material,
  files,
  open,
}: {
  application: Application;
  material: Material;
  files: readonly ApplicationFile[];
  open: boolean;
}) {
  const t = useT();
  const { message } = App.useApp();
  const upload = useUploadMaterialFile(application.id);
  const [uploading, setUploading] = useState<{ uid: string; name: string; percent: number }[]>([]);
  const [problem, setProblem] = useState<Problem>();
  const accepted = material.acceptedTypes ?? defaultAcceptedTypes;
  const limit = material.maxBytes ?? defaultMaxBytes;
  const limits = t('myApplications.materials.limits', {
    types: accepted.map(mediaTypeName).join(t('catalog.listSeparator')),
    size: formatBytes(limit),
  });

  const beforeUpload = (file: RcFile) => {
    // the server would refuse it after the whole file had been sent
    if (file.size > limit) {
      setProblem({
        text: t('myApplications.materials.tooLarge', { name: file.name, size: formatBytes(limit) }),
      });
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  return (
    <div className="zt-material-files">
      {problem && (
        <UploadProblem problem={problem} limits={limits} onClose={() => setProblem(undefined)} />
      )}
      <FileList
        application={application}
        files={files}
        open={open}
        onProblem={(error) => setProblem({ error })}
      />
      {uploading.map((item) => (
        <div key={item.uid} className="zt-material-progress">
          <span className="zt-subline">{item.name}</span>
          <Progress percent={item.percent} size="small" status="active" />
        </div>
      ))}
      {open && (
        <div className="zt-material-add">
          <Upload
            multiple
            accept={acceptAttribute(accepted)}
            showUploadList={false}
            beforeUpload={beforeUpload}
            customRequest={({ file, onProgress, onSuccess, onError }) => {
              if (!(file instanceof Blob)) return;
              const uid = (file as Partial<RcFile>).uid ?? String(Date.now());
              const name = file instanceof File ? file.name : material.name;
              setProblem(undefined);
              setUploading((items) => [...items, { uid, name, percent: 0 }]);
              upload
                .mutateAsync({
                  materialKey: material.key,
                  file,
                  onProgress: (percent) => {
                    onProgress?.({ percent });
                    setUploading((items) =>
                      items.map((item) => (item.uid === uid ? { ...item, percent } : item)),
                    );
                  },
                })
                .then((uploaded) => {
                  onSuccess?.(uploaded);
                  void message.success(t('myApplications.materials.uploaded', { name }));
                })
                .catch((error: unknown) => {
                  setProblem({ error });
                  onError?.(error instanceof Error ? error : new Error(String(error)));
                })
                .finally(() => setUploading((items) => items.filter((item) => item.uid !== uid)));
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />}>
              {files.length > 0
                ? t('myApplications.materials.uploadMore')
                : t('myApplications.materials.upload')}
            </Button>
          </Upload>
          <span className="zt-muted zt-material-limits">{limits}</span>
        </div>
      )}
    </div>
  );
}

/** A refused upload in place: the server's words about the file when it gave some. */
function UploadProblem({
  problem,
  limits,
  onClose,
}: {
  problem: Problem;
  limits: string;
  onClose: () => void;
}) {
  const t = useT();
  let title: ReactNode;
  if ('text' in problem) {
    title = problem.text;
  } else {
    const { error } = problem;
    const fileMessages = isApiError(error)
      ? error.fieldErrors.filter((e) => e.path === '/body/file').map((e) => e.message)
      : [];
    if (fileMessages.length > 0) {
      title = fileMessages.join(t('catalog.listSeparator'));
    } else if (isApiError(error) && error.status === 413) {
      title = t('myApplications.materials.tooLargeServer');
    } else {
      return <ApiErrorAlert error={error} />;
    }
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      closable={{ onClose, 'aria-label': t('common.close') }}
      title={title}
      description={limits}
    />
  );
}

function FileList({
  application,
  files,
  open,
  onProblem,
}: {
  application: Application;
  files: readonly ApplicationFile[];
  open: boolean;
  onProblem: (error: unknown) => void;
}) {
  const t = useT();
  const dates = useDateTexts();
  const remove = useDeleteApplicationFile(application.id);
  if (files.length === 0) {
    return <span className="zt-muted zt-subline">{t('myApplications.materials.noFiles')}</span>;
  }
  return (
    <ul className="zt-plain-list zt-file-list">
      {files.map((file) => (
        <li key={file.id} className="zt-file">
          <PaperClipOutlined aria-hidden className="zt-muted" />
          <a
            href={applicationFileContentUrl(application.id, file.id)}
            download={file.fileName}
            className="zt-file-name"
          >
            {file.fileName}
          </a>
          <span className="zt-muted">
            {mediaTypeName(file.mediaType)} · {formatBytes(file.size)} ·{' '}
            {dates.dateTime(file.uploadedAt)}
          </span>
          <Space size={0}>
            <Button
              type="link"
              size="small"
              icon={<DownloadOutlined aria-hidden />}
              href={applicationFileContentUrl(application.id, file.id)}
              download={file.fileName}
              aria-label={t('myApplications.materials.downloadNamed', { name: file.fileName })}
            />
            {open && (
              <Popconfirm
                title={t('myApplications.materials.deleteConfirm', { name: file.fileName })}
                okText={t('myApplications.materials.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutate(file.id, { onError: onProblem })}
              >
                <Button
                  type="link"
                  size="small"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('myApplications.materials.deleteNamed', { name: file.fileName })}
                />
              </Popconfirm>
            )}
          </Space>
        </li>
      ))}
    </ul>
  );
}
