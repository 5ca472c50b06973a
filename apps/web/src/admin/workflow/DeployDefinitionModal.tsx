import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ProcessDefinition } from '@zhengtong/contracts';
import { Alert, App, Button, Modal, Table, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { useT } from '../../shared/i18n/LocaleProvider';
import { useSession } from '../../shared/identity/session';
import { definitionProblems, mayDeploy, useDeployDefinition, type DefinitionProblem } from './api';
import { MAX_DEFINITION_LENGTH, outlineOf } from './outline';

/** The definition a new version is deployed for (部署新版本). */
interface Expected {
  key: string;
  name: string;
}

/**
 * 部署新流程 / 部署新版本, shown to the province admin only: opens the upload, and on success goes to
 * the deployed definition.
 */
export function DeployDefinitionButton({
  expected,
  primary,
}: {
  expected?: Expected | undefined;
  primary?: boolean;
}) {
  const t = useT();
  const { me } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  if (!mayDeploy(me)) return null;
  return (
    <>
      <Button
        type={primary ? 'primary' : 'default'}
        icon={<CloudUploadOutlined aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {expected ? t('workflowAdmin.detail.deployVersion') : t('workflowAdmin.list.deploy')}
      </Button>
      <DeployDefinitionModal
        open={open}
        expected={expected}
        onClose={() => setOpen(false)}
        onDeployed={(definition) => {
          setOpen(false);
          void navigate(`/admin/workflow/${encodeURIComponent(definition.key)}`);
        }}
      />
    </>
  );
}

/**
 * The upload of a .bpmn/.xml file, read as text in the browser and sent as `{ xml }`. A refused
 * definition comes back with every problem, listed by element.
 */
export function DeployDefinitionModal({
  open,
  expected,
  onClose,
  onDeployed,
}: {
  open: boolean;
  expected?: Expected | undefined;
  onClose: () => void;
  onDeployed: (definition: ProcessDefinition) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [fileName, setFileName] = useState<string>();
  const [fileError, setFileError] = useState<string>();
  const mutation = useDeployDefinition((definition) => {
    setFileName(undefined);
    void message.success(
      t('workflowAdmin.deploy.done', { name: definition.name, version: definition.version }),
    );
    onDeployed(definition);
  });
  const problems = mutation.isError ? definitionProblems(mutation.error) : [];

  const upload = async (file: File) => {
    mutation.reset();
    setFileError(undefined);
    setFileName(file.name);
    let xml: string;
    try {
      xml = await file.text();
    } catch (error) {
      setFileError(t('workflowAdmin.deploy.unreadable', { reason: String(error) }));
      return;
    }
    if (xml.trim() === '') return setFileError(t('workflowAdmin.deploy.empty'));
    if (xml.length > MAX_DEFINITION_LENGTH) {
      return setFileError(
        t('workflowAdmin.deploy.tooLarge', { max: MAX_DEFINITION_LENGTH.toLocaleString() }),
      );
    }
    // A new version must be of this process; XML that does not parse is the server's to explain.
    const found = expected && outlineOf(xml)?.processId;
    if (expected && found && found !== expected.key) {
      return setFileError(t('workflowAdmin.deploy.wrongKey', { found, key: expected.key }));
    }
    mutation.mutate(xml);
  };

  const close = () => {
    mutation.reset();
    setFileError(undefined);
    setFileName(undefined);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={
        expected
          ? t('workflowAdmin.deploy.titleVersion', { name: expected.name })
          : t('workflowAdmin.deploy.title')
      }
      width={820}
      onCancel={close}
      footer={<Button onClick={close}>{t('common.close')}</Button>}
      destroyOnHidden
    >
      <p>
        {expected
          ? t('workflowAdmin.deploy.introVersion', { key: expected.key })
          : t('workflowAdmin.deploy.intro')}
      </p>
      <div className="zt-note">
        <Upload.Dragger
          accept=".bpmn,.xml,application/xml,text/xml"
          multiple={false}
          showUploadList={false}
          disabled={mutation.isPending}
          beforeUpload={(file) => {
            void upload(file);
            // the file goes up as text through our own request, not the component's
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p className="ant-upload-text">
            {mutation.isPending
              ? t('workflowAdmin.deploy.uploading')
              : t('workflowAdmin.deploy.drop')}
          </p>
          <p className="ant-upload-hint">{t('workflowAdmin.deploy.hint')}</p>
        </Upload.Dragger>
      </div>
      {fileName && <p className="zt-muted">{t('workflowAdmin.deploy.file', { file: fileName })}</p>}
      {fileError && <Alert type="error" showIcon role="alert" title={fileError} />}
      {mutation.isError && problems.length === 0 && <ApiErrorAlert error={mutation.error} />}
      {problems.length > 0 && <DefinitionProblems problems={problems} />}
    </Modal>
  );
}

/** Every problem of a refused definition: the element (from `/definition/<id>`) and why. */
export function DefinitionProblems({ problems }: { problems: DefinitionProblem[] }) {
  const t = useT();
  const columns: TableColumnsType<DefinitionProblem & { key: number }> = [
    {
      title: t('workflowAdmin.problems.element'),
      dataIndex: 'elementId',
      render: (id: string | null) =>
        id ? (
          <span className="zt-code">{id}</span>
        ) : (
          <span className="zt-muted">{t('workflowAdmin.problems.whole')}</span>
        ),
    },
    { title: t('workflowAdmin.problems.message'), dataIndex: 'message' },
  ];
  return (
    <>
      <Alert
        type="error"
        showIcon
        role="alert"
        className="zt-note"
        title={t('workflowAdmin.deploy.refused', { count: problems.length })}
        description={t('workflowAdmin.deploy.refusedDetail')}
      />
      <Table
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={problems.map((problem, key) => ({ ...problem, key }))}
        pagination={problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        caption={<span className="zt-visually-hidden">{t('workflowAdmin.problems.caption')}</span>}
      />
    </>
  );
}
