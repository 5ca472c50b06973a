import { InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { ImportCellError } from '@zhengtong/contracts';
import { Alert, Button, Modal, Table, Upload, type TableColumnsType } from 'antd';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { useT } from '../../shared/i18n/LocaleProvider';
import { importListsWorkbook } from './api';
import { importCellErrors } from './elements';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 导入: an .xlsx workbook of lists (as 导出 writes it). All or nothing: a refused workbook comes
 * back with every bad cell, to fix in Excel and upload again.
 */
export function ImportListsModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const t = useT();
  const mutation = useMutation({
    mutationFn: (file: File) => importListsWorkbook(file),
    onSuccess: onImported,
  });
  const cellErrors = mutation.isError ? importCellErrors(mutation.error) : [];

  const columns: TableColumnsType<ImportCellError & { key: number }> = [
    { title: t('catalogAdmin.import.sheet'), dataIndex: 'sheet' },
    {
      title: t('catalogAdmin.import.row'),
      dataIndex: 'row',
      align: 'right',
      render: (row: number) => (row > 0 ? row : '—'),
      sorter: (a, b) => a.row - b.row,
    },
    { title: t('catalogAdmin.import.column'), dataIndex: 'column' },
    { title: t('catalogAdmin.import.message'), dataIndex: 'message' },
  ];

  const close = () => {
    mutation.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('catalogAdmin.import.title')}
      width={820}
      onCancel={close}
      footer={<Button onClick={close}>{t('common.close')}</Button>}
      destroyOnHidden
    >
      <p>{t('catalogAdmin.import.intro')}</p>
      <div className="zt-note">
        <Upload.Dragger
          accept={`.xlsx,${xlsxType}`}
          multiple={false}
          showUploadList={false}
          disabled={mutation.isPending}
          beforeUpload={(file) => {
            mutation.mutate(file);
            // the file goes up through our own request, not the component's
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          <p className="ant-upload-text">
            {mutation.isPending
              ? t('catalogAdmin.import.uploading')
              : t('catalogAdmin.import.drop')}
          </p>
          <p className="ant-upload-hint">{t('catalogAdmin.import.hint')}</p>
        </Upload.Dragger>
      </div>
      {mutation.isSuccess && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('catalogAdmin.import.done')}
          description={t('catalogAdmin.import.counts', {
            rows: mutation.data.rows,
            created: mutation.data.created,
            updated: mutation.data.updated,
          })}
        />
      )}
      {mutation.isError && cellErrors.length === 0 && <ApiErrorAlert error={mutation.error} />}
      {cellErrors.length > 0 && (
        <>
          <Alert
            type="error"
            showIcon
            role="alert"
            className="zt-note"
            title={t('catalogAdmin.import.refused', { count: cellErrors.length })}
            description={t('catalogAdmin.import.refusedDetail')}
          />
          <Table
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={cellErrors.map((error, key) => ({ ...error, key }))}
            pagination={cellErrors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            caption={<span className="zt-visually-hidden">{t('catalogAdmin.import.errors')}</span>}
          />
        </>
      )}
    </Modal>
  );
}
