import { useQuery } from '@tanstack/react-query';
import {
  ADMINISTRATIVE_LEVELS,
  APPLICANT_KINDS,
  ITEM_TYPE_VALUES,
  SECTOR_VALUES,
  type ServiceItem,
  type ServiceItemBody,
  type ServiceItemPatch,
} from '@zhengtong/contracts';
import { formatServiceItemCode, parseServiceItemCode } from '@zhengtong/gb';
import { App, Button, Checkbox, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { serviceItemSearchQuery } from '../../shared/api/catalog';
import { FormModal } from '../../shared/components/FormModal';
import { useLocale } from '../../shared/i18n/LocaleProvider';
import { createItem, patchItem } from './api';
import { DepartmentSelect } from './CatalogFields';
import {
  applicantKindKey,
  handlingCaseKey,
  handlingCases,
  itemTypeName,
  levelKey,
  optionsOf,
  sectorName,
} from './labels';

const fields = [
  'code',
  'name',
  'itemType',
  'sector',
  'competentOrganisationId',
  'legalBasis',
  'levels',
  'applicantKinds',
  'handlingCase',
  'keywords',
] as const satisfies readonly (keyof ServiceItemBody)[];

type ItemValues = Omit<ServiceItemBody, 'handlingCase'> & {
  /** a Select cannot hold null; undefined stands for 无 */
  handlingCase?: Exclude<ServiceItemBody['handlingCase'], null>;
};

function toValues(item: ServiceItem): ItemValues {
  const values: ItemValues = {
    code: item.code,
    name: item.name,
    itemType: item.itemType,
    sector: item.sector,
    competentOrganisationId: item.competentOrganisationId,
    legalBasis: item.legalBasis,
    levels: item.levels,
    applicantKinds: item.applicantKinds,
    keywords: item.keywords,
  };
  if (item.handlingCase) values.handlingCase = item.handlingCase;
  return values;
}

function toBody(values: ItemValues): ServiceItemBody {
  return {
    code: values.code.trim().toUpperCase(),
    name: values.name.trim(),
    itemType: values.itemType,
    sector: values.sector,
    competentOrganisationId: values.competentOrganisationId,
    legalBasis: values.legalBasis.trim(),
    levels: values.levels,
    applicantKinds: values.applicantKinds,
    handlingCase: values.handlingCase ?? null,
    keywords: [...new Set((values.keywords ?? []).map((k) => k.trim()).filter(Boolean))],
  };
}

/** Only what changed, so that a patch does not overwrite someone else's edit of another field. */
function diff(before: ServiceItem, after: ServiceItemBody): ServiceItemPatch {
  const patch: Record<string, unknown> = {};
  for (const field of fields) {
    if (field === 'code') continue;
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) patch[field] = after[field];
  }
  return patch;
}

/**
 * The main-item number after the highest one in use among items of one type and sector (the
 * server lists at most 100; beyond that the suggestion may be taken and the server says so).
 */
function nextMainSequence(items: readonly Pick<ServiceItem, 'code'>[] | undefined): number {
  let highest = 0;
  for (const { code } of items ?? []) {
    const parsed = parseServiceItemCode(code);
    if (parsed.ok) highest = Math.max(highest, parsed.value.main);
  }
  return Math.min(highest + 1, 99999);
}

/** 新增事项 / 编辑事项 of the basic catalogue. */
export function ItemModal({
  item,
  defaultOrganisationId,
  onClose,
  onSaved,
}: {
  /** 'new' to create; an item to edit; undefined when closed */
  item: ServiceItem | 'new' | undefined;
  defaultOrganisationId?: string | undefined;
  onClose: () => void;
  onSaved: (item: ServiceItem) => void;
}) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemValues>();
  // undefined until typed: the next free main-item number of the type and sector stands in
  const [typedMain, setMain] = useState<number | null>();
  const [sub, setSub] = useState<number | null>(0);
  const editing = item !== undefined && item !== 'new' ? item : undefined;
  const itemType = Form.useWatch('itemType', form);
  const sector = Form.useWatch('sector', form);
  const siblings = useQuery({
    ...serviceItemSearchQuery({ itemType, sector, includeUnpublished: true, pageSize: 100 }),
    enabled: !editing && item !== undefined && !!itemType && !!sector,
  });
  const main = typedMain === undefined ? nextMainSequence(siblings.data?.items) : typedMain;

  // The form instance outlives the modal's content, and a remounted <Form> keeps what its store
  // holds over new initial values: start each opening from this item's values.
  useEffect(() => {
    if (item !== undefined) form.resetFields();
  }, [form, item]);

  const close = () => {
    setMain(undefined);
    setSub(0);
    onClose();
  };

  const generate = () => {
    if (!itemType || !sector || main === null || sub === null) return;
    form.setFieldValue('code', formatServiceItemCode({ itemType, sector, main, sub }));
    void form.validateFields(['code']);
  };

  return (
    <FormModal
      open={item !== undefined}
      title={
        editing
          ? t('catalogAdmin.item.editTitle', { name: editing.name })
          : t('catalogAdmin.items.create')
      }
      okText={t('catalogAdmin.save')}
      onCancel={close}
      width={720}
      form={form}
      formKey={editing?.code ?? 'new'}
      name="catalogItem"
      fields={fields}
      initialValues={
        editing
          ? toValues(editing)
          : {
              levels: ['province', 'city', 'county'],
              applicantKinds: ['person'],
              keywords: [],
              competentOrganisationId: defaultOrganisationId,
            }
      }
      submit={async (values) => {
        const body = toBody(values);
        if (!editing) return createItem(body);
        const patch = diff(editing, body);
        return Object.keys(patch).length === 0 ? editing : patchItem(editing.code, patch);
      }}
      onSubmitted={(saved) => {
        void message.success(
          t(editing ? 'catalogAdmin.item.saved' : 'catalogAdmin.item.created', {
            name: saved.name,
          }),
        );
        onSaved(saved);
        close();
      }}
    >
      <Space size="middle" wrap align="start">
        <Form.Item
          name="itemType"
          label={t('catalogAdmin.item.type')}
          rules={[{ required: true, message: t('catalogAdmin.required') }]}
        >
          <Select
            className="zt-filter-region"
            options={ITEM_TYPE_VALUES.map((type) => ({
              value: type,
              label: itemTypeName(type, locale),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="sector"
          label={t('catalogAdmin.item.sector')}
          rules={[{ required: true, message: t('catalogAdmin.required') }]}
        >
          <Select
            className="zt-filter-region"
            showSearch={{ optionFilterProp: 'label' }}
            options={SECTOR_VALUES.map((value) => ({
              value,
              label: sectorName(value, locale),
            }))}
          />
        </Form.Item>
      </Space>
      <Form.Item
        name="code"
        label={t('catalogAdmin.item.code')}
        extra={t('catalogAdmin.item.codeHint')}
        rules={[
          { required: true, message: t('catalogAdmin.required') },
          {
            validator: async (_rule, value: string | undefined) => {
              if (!value) return;
              const parsed = parseServiceItemCode(value.trim().toUpperCase());
              if (!parsed.ok) throw new Error(t(`catalogAdmin.item.codeInvalid.${parsed.reason}`));
              const chosenType = form.getFieldValue('itemType') as
                ItemValues['itemType'] | undefined;
              const chosenSector = form.getFieldValue('sector') as ItemValues['sector'] | undefined;
              if (chosenType && parsed.value.itemType !== chosenType) {
                throw new Error(t('catalogAdmin.item.codeTypeMismatch'));
              }
              if (chosenSector && parsed.value.sector !== chosenSector) {
                throw new Error(t('catalogAdmin.item.codeSectorMismatch'));
              }
            },
          },
        ]}
        dependencies={['itemType', 'sector']}
      >
        <Input className="zt-code" maxLength={13} disabled={!!editing} autoComplete="off" />
      </Form.Item>
      {!editing && (
        <div className="zt-note">
          <Typography.Text type="secondary">{t('catalogAdmin.item.generator')}</Typography.Text>
          <Space wrap>
            <label className="zt-inline-label">
              {t('catalogAdmin.item.mainSequence')}
              <InputNumber min={1} max={99999} precision={0} value={main} onChange={setMain} />
            </label>
            <label className="zt-inline-label">
              {t('catalogAdmin.item.subSequence')}
              <InputNumber min={0} max={999} precision={0} value={sub} onChange={setSub} />
            </label>
            <Button
              onClick={generate}
              disabled={!itemType || !sector || main === null || sub === null}
            >
              {t('catalogAdmin.item.generate')}
            </Button>
          </Space>
        </div>
      )}
      <Form.Item
        name="name"
        label={t('catalogAdmin.item.name')}
        rules={[
          { required: true, whitespace: true, message: t('catalogAdmin.required') },
          { min: 2, message: t('catalogAdmin.minLength', { min: 2 }) },
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="competentOrganisationId"
        label={t('catalogAdmin.item.competentOrganisation')}
        extra={t('catalogAdmin.item.competentOrganisationHint')}
        rules={[{ required: true, message: t('catalogAdmin.required') }]}
      >
        <DepartmentSelect provinceOnly />
      </Form.Item>
      <Form.Item
        name="legalBasis"
        label={t('catalogAdmin.item.legalBasis')}
        rules={[{ required: true, whitespace: true, message: t('catalogAdmin.required') }]}
      >
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Form.Item
        name="levels"
        label={t('catalogAdmin.item.levels')}
        rules={[{ required: true, type: 'array', min: 1, message: t('catalogAdmin.pickOne') }]}
      >
        <Checkbox.Group options={optionsOf(ADMINISTRATIVE_LEVELS, levelKey, t)} />
      </Form.Item>
      <Form.Item
        name="applicantKinds"
        label={t('catalogAdmin.item.applicantKinds')}
        rules={[{ required: true, type: 'array', min: 1, message: t('catalogAdmin.pickOne') }]}
      >
        <Checkbox.Group options={optionsOf(APPLICANT_KINDS, applicantKindKey, t)} />
      </Form.Item>
      <Form.Item
        name="handlingCase"
        label={t('catalogAdmin.item.handlingCase')}
        extra={t('catalogAdmin.item.handlingCaseHint')}
      >
        <Select
          allowClear
          placeholder={t('catalogAdmin.handlingCase.none')}
          options={optionsOf(handlingCases, handlingCaseKey, t)}
        />
      </Form.Item>
      <Form.Item
        name="keywords"
        label={t('catalogAdmin.item.keywords')}
        extra={t('catalogAdmin.item.keywordsHint')}
      >
        <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} maxCount={20} />
      </Form.Item>
    </FormModal>
  );
}
