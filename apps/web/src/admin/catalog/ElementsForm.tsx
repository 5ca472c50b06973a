import { LIFE_EVENTS, type Channel } from '@zhengtong/contracts';
import {
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Switch,
  type FormInstance,
  type InputNumberProps,
} from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useT } from '../../shared/i18n/LocaleProvider';
import { CertificateTypeSelect, WindowSelect } from './CatalogFields';
import { nextMaterialKey, parseJsonObject, type EditorValues } from './elements';
import { EntryList } from './EntryList';
import {
  channelKey,
  collectAtKey,
  crossRegionScopeKey,
  handlingKindKey,
  lifeEventKey,
  materialFormKey,
  materialSourceKey,
  onlineDepthKey,
  onSiteVisitsKey,
  optionsOf,
  processDefinitionKey,
  processDefinitionKeys,
  requirementKey,
} from './labels';

const channels: Channel[] = ['online', 'window', 'mobile', 'selfService', 'mail'];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card
      className="zt-card"
      id={id}
      title={
        <h2 className="zt-card-heading" id={`${id}-title`}>
          {title}
        </h2>
      }
    >
      {children}
    </Card>
  );
}

/** A number of working days (时限), in a Form.Item. */
function WorkingDaysInput(props: InputNumberProps<number>) {
  const t = useT();
  return (
    <InputNumber
      min={0}
      max={365}
      precision={0}
      suffix={t('unit.workingDays')}
      className="zt-filter-kind"
      {...props}
    />
  );
}

/** 必填 rules: any value, and text that is not blank. */
function useRequiredRules() {
  const t = useT();
  return {
    required: { required: true, message: t('catalogAdmin.required') },
    requiredText: { required: true, whitespace: true, message: t('catalogAdmin.required') },
  };
}

/**
 * The elements of an implementation list's draft, in the sections of a service guide. Every
 * field stays mounted (no tabs), so validation and the server's problems reach all of them.
 */
export function ElementsForm({
  form,
  initialValues,
  regionCode,
  onChange,
}: {
  form: FormInstance<EditorValues>;
  initialValues: EditorValues;
  regionCode: string;
  /** any edit, to know that there is something to save */
  onChange?: () => void;
}) {
  const t = useT();
  // The editor's form instance outlives this component (another version's draft may have been
  // in it), and a remounted <Form> keeps its store over new initial values.
  useEffect(() => {
    form.resetFields();
  }, [form]);
  const { required, requiredText } = useRequiredRules();
  const jsonRule = {
    validator: async (_rule: unknown, value: string | undefined) => {
      const parsed = parseJsonObject(value ?? '');
      if (!parsed.ok)
        throw new Error(t('catalogAdmin.form.jsonInvalid', { error: parsed.message }));
    },
  };

  return (
    <Form<EditorValues>
      form={form}
      name="implementationElements"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={onChange}
      scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
    >
      <div className="zt-stack">
        <Section id="zt-el-basic" title={t('catalogAdmin.section.basic')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="handlingKind"
                label={t('catalogAdmin.el.handlingKind')}
                rules={[required]}
              >
                <Radio.Group
                  optionType="button"
                  options={optionsOf(['immediate', 'promised'], handlingKindKey, t)}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                name="statutoryLimitDays"
                label={t('catalogAdmin.el.statutoryLimitDays')}
                rules={[required]}
              >
                <WorkingDaysInput />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                name="promisedLimitDays"
                label={t('catalogAdmin.el.promisedLimitDays')}
                dependencies={['statutoryLimitDays']}
                rules={[
                  required,
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value: number | null) => {
                      const statutory = getFieldValue('statutoryLimitDays') as number | null;
                      if (
                        value !== null &&
                        statutory !== null &&
                        statutory > 0 &&
                        value > statutory
                      ) {
                        throw new Error(t('catalogAdmin.el.promisedTooLong'));
                      }
                    },
                  }),
                ]}
              >
                <WorkingDaysInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="onSiteVisits"
                label={t('catalogAdmin.el.onSiteVisits')}
                rules={[required]}
              >
                <Radio.Group options={optionsOf([0, 1, 2], onSiteVisitsKey, t)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="onlineDepth"
                label={t('catalogAdmin.el.onlineDepth')}
                rules={[required]}
              >
                <Select options={optionsOf([1, 2, 3, 4], onlineDepthKey, t)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="crossRegionScope"
                label={t('catalogAdmin.el.crossRegionScope')}
                rules={[required]}
              >
                <Radio.Group
                  options={optionsOf(
                    ['local', 'crossRegion', 'crossProvince'],
                    crossRegionScopeKey,
                    t,
                  )}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="allowsPendingMaterials"
                label={t('catalogAdmin.el.allowsPendingMaterials')}
                valuePropName="checked"
                extra={t('catalogAdmin.el.allowsPendingMaterialsHint')}
              >
                <Switch />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="acceptanceConditions"
                label={t('catalogAdmin.el.acceptanceConditions')}
              >
                <Input.TextArea rows={4} maxLength={4000} showCount />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="lifeEvents"
                label={t('catalogAdmin.el.lifeEvents')}
                extra={t('catalogAdmin.el.lifeEventsHint')}
              >
                <Select
                  mode="multiple"
                  maxCount={10}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={optionsOf(LIFE_EVENTS, lifeEventKey, t)}
                />
              </Form.Item>
            </Col>
          </Row>
        </Section>

        <Section id="zt-el-materials" title={t('catalogAdmin.el.materials')}>
          <EntryList
            name="materials"
            entryLabel={(n) => t('catalogAdmin.material.entry', { n })}
            addLabel={t('catalogAdmin.material.add')}
            max={100}
            newEntry={() => ({
              key: nextMaterialKey(form.getFieldValue('materials') as EditorValues['materials']),
              name: '',
              requirement: 'required',
              form: 'electronic',
              copies: 1,
              source: 'upload',
            })}
          >
            {(field) => <MaterialFields name={field.name} />}
          </EntryList>
        </Section>

        <Section id="zt-el-fees" title={t('catalogAdmin.el.fees')}>
          <Form.Item
            name={['fees', 'free']}
            valuePropName="checked"
            label={t('catalogAdmin.fee.free')}
          >
            <Switch
              checkedChildren={t('catalogAdmin.fee.freeYes')}
              unCheckedChildren={t('catalogAdmin.fee.freeNo')}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={[['fees', 'free']]}>
            {({ getFieldValue }) =>
              getFieldValue(['fees', 'free']) === true ? (
                <p className="zt-muted">{t('catalogAdmin.fee.freeNote')}</p>
              ) : (
                <EntryList
                  name={['fees', 'items']}
                  entryLabel={(n) => t('catalogAdmin.fee.entry', { n })}
                  addLabel={t('catalogAdmin.fee.add')}
                  max={20}
                  newEntry={() => ({
                    name: '',
                    amountYuan: null,
                    legalBasis: '',
                    collectAt: 'beforeIssuing',
                  })}
                >
                  {(field) => (
                    <Row gutter={16}>
                      <Col xs={24} md={12}>
                        <Form.Item
                          name={[field.name, 'name']}
                          label={t('catalogAdmin.field.name')}
                          rules={[requiredText]}
                        >
                          <Input maxLength={200} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={6}>
                        <Form.Item
                          name={[field.name, 'amountYuan']}
                          label={t('catalogAdmin.fee.amount')}
                          rules={[required]}
                        >
                          <InputNumber
                            min={0.01}
                            max={1000000}
                            precision={2}
                            step={1}
                            suffix={t('catalogAdmin.fee.yuan')}
                            className="zt-filter-kind"
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={6}>
                        <Form.Item
                          name={[field.name, 'collectAt']}
                          label={t('catalogAdmin.fee.collectAt')}
                          rules={[required]}
                        >
                          <Select
                            options={optionsOf(
                              ['beforeAcceptance', 'beforeIssuing'],
                              collectAtKey,
                              t,
                            )}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={16}>
                        <Form.Item
                          name={[field.name, 'legalBasis']}
                          label={t('catalogAdmin.fee.legalBasis')}
                          rules={[requiredText]}
                        >
                          <Input maxLength={1000} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item
                          name={[field.name, 'nonTaxRevenueCode']}
                          label={t('catalogAdmin.fee.nonTaxRevenueCode')}
                          rules={[
                            {
                              pattern: /^[0-9A-Za-z]{4,20}$/,
                              message: t('catalogAdmin.fee.nonTaxRevenueCodeFormat'),
                            },
                          ]}
                        >
                          <Input className="zt-code" maxLength={20} />
                        </Form.Item>
                      </Col>
                    </Row>
                  )}
                </EntryList>
              )
            }
          </Form.Item>
        </Section>

        <Section id="zt-el-process" title={t('catalogAdmin.section.process')}>
          <Form.Item
            name="processDefinitionKey"
            label={t('catalogAdmin.el.processDefinitionKey')}
            extra={t('catalogAdmin.el.processDefinitionKeyHint')}
            rules={[required]}
          >
            <Select
              className="zt-filter-region"
              options={processDefinitionKeys.map((value) => ({
                value,
                label: `${t(processDefinitionKey[value])}（${value}）`,
              }))}
            />
          </Form.Item>
          <EntryList
            name="steps"
            entryLabel={(n) => t('catalogAdmin.step.entry', { n })}
            addLabel={t('catalogAdmin.step.add')}
            max={30}
            newEntry={() => ({ name: '' })}
          >
            {(field) => (
              <Row gutter={16}>
                <Col xs={24} md={16}>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('catalogAdmin.step.name')}
                    rules={[requiredText]}
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={[field.name, 'limitDays']}
                    label={t('catalogAdmin.step.limitDays')}
                  >
                    <WorkingDaysInput />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item
                    name={[field.name, 'description']}
                    label={t('catalogAdmin.step.description')}
                  >
                    <Input.TextArea rows={2} maxLength={500} />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </EntryList>
        </Section>

        <Section id="zt-el-channels" title={t('catalogAdmin.section.channels')}>
          <Form.Item name="channels" label={t('catalogAdmin.el.channels')}>
            <Checkbox.Group options={optionsOf(channels, channelKey, t)} />
          </Form.Item>
          <Form.Item
            name="serviceWindowIds"
            label={t('catalogAdmin.el.serviceWindowIds')}
            extra={t('catalogAdmin.windows.hint')}
          >
            <WindowSelect regionCode={regionCode} placeholder={t('catalogAdmin.windows.pick')} />
          </Form.Item>
        </Section>

        <Section id="zt-el-result" title={t('catalogAdmin.el.result')}>
          <Form.Item
            name={['result', 'kind']}
            label={t('catalogAdmin.result.kind')}
            rules={[required]}
          >
            <Radio.Group
              options={[
                { value: 'certificate', label: t('catalogAdmin.result.certificate') },
                { value: 'document', label: t('catalogAdmin.result.document') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={[['result', 'kind']]}>
            {({ getFieldValue }) =>
              getFieldValue(['result', 'kind']) === 'certificate' ? (
                <Form.Item
                  name={['result', 'certificateTypeCode']}
                  label={t('catalogAdmin.result.certificateType')}
                  rules={[required]}
                >
                  <CertificateTypeSelect placeholder={t('catalogAdmin.certificateType.pick')} />
                </Form.Item>
              ) : (
                <Form.Item
                  name={['result', 'name']}
                  label={t('catalogAdmin.result.documentName')}
                  rules={[requiredText]}
                >
                  <Input maxLength={200} />
                </Form.Item>
              )
            }
          </Form.Item>
        </Section>

        <Section id="zt-el-form" title={t('catalogAdmin.el.form')}>
          <p className="zt-muted">{t('catalogAdmin.form.hint')}</p>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Form.Item
                name={['form', 'schemaText']}
                label={t('catalogAdmin.form.schema')}
                rules={[required, jsonRule]}
                validateDebounce={300}
              >
                <Input.TextArea rows={14} className="zt-code" spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item
                name={['form', 'uiSchemaText']}
                label={t('catalogAdmin.form.uiSchema')}
                rules={[required, jsonRule]}
                validateDebounce={300}
              >
                <Input.TextArea rows={14} className="zt-code" spellCheck={false} />
              </Form.Item>
            </Col>
          </Row>
        </Section>

        <Section id="zt-el-faqs" title={t('catalogAdmin.el.faqs')}>
          <EntryList
            name="faqs"
            entryLabel={(n) => t('catalogAdmin.faq.entry', { n })}
            addLabel={t('catalogAdmin.faq.add')}
            max={50}
            newEntry={() => ({ question: '', answer: '' })}
          >
            {(field) => (
              <>
                <Form.Item
                  name={[field.name, 'question']}
                  label={t('catalogAdmin.faq.question')}
                  rules={[requiredText]}
                >
                  <Input maxLength={500} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'answer']}
                  label={t('catalogAdmin.faq.answer')}
                  rules={[requiredText]}
                >
                  <Input.TextArea rows={3} maxLength={4000} />
                </Form.Item>
              </>
            )}
          </EntryList>
        </Section>

        <Section id="zt-el-contact" title={t('catalogAdmin.section.contact')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="consultationPhone" label={t('catalogAdmin.el.consultationPhone')}>
                <Input maxLength={50} inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="complaintPhone" label={t('catalogAdmin.el.complaintPhone')}>
                <Input maxLength={50} inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="address" label={t('catalogAdmin.el.address')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="officeHours" label={t('catalogAdmin.el.officeHours')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
        </Section>
      </div>
    </Form>
  );
}

/** The fields of one 申请材料 entry; what it asks depends on its requirement and source. */
function MaterialFields({ name }: { name: number }) {
  const t = useT();
  const { required, requiredText } = useRequiredRules();
  return (
    <Row gutter={16}>
      <Col xs={24} md={16}>
        <Form.Item
          name={[name, 'name']}
          label={t('catalogAdmin.material.name')}
          rules={[requiredText]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={[name, 'key']}
          label={t('catalogAdmin.material.key')}
          tooltip={t('catalogAdmin.material.keyHint')}
          rules={[
            required,
            {
              pattern: /^[a-z][a-zA-Z0-9]{0,39}$/,
              message: t('catalogAdmin.material.keyFormat'),
            },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                const materials = (getFieldValue('materials') ?? []) as { key?: string }[];
                if (value && materials.filter((m) => m?.key === value).length > 1) {
                  throw new Error(t('catalogAdmin.material.keyDuplicate'));
                }
              },
            }),
          ]}
        >
          <Input className="zt-code" maxLength={40} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={[name, 'requirement']}
          label={t('catalogAdmin.material.requirement')}
          rules={[required]}
        >
          <Radio.Group
            optionType="button"
            options={optionsOf(['required', 'conditional'], requirementKey, t)}
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name={[name, 'form']} label={t('catalogAdmin.material.form')} rules={[required]}>
          <Select options={optionsOf(['original', 'copy', 'electronic'], materialFormKey, t)} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item
          name={[name, 'copies']}
          label={t('catalogAdmin.material.copies')}
          rules={[required]}
        >
          <InputNumber min={0} max={20} precision={0} className="zt-filter-kind" />
        </Form.Item>
      </Col>
      <Form.Item noStyle dependencies={[['materials', name, 'requirement']]}>
        {({ getFieldValue }) =>
          getFieldValue(['materials', name, 'requirement']) === 'conditional' && (
            <Col span={24}>
              <Form.Item
                name={[name, 'condition']}
                label={t('catalogAdmin.material.condition')}
                rules={[requiredText]}
              >
                <Input
                  maxLength={500}
                  placeholder={t('catalogAdmin.material.conditionPlaceholder')}
                />
              </Form.Item>
            </Col>
          )
        }
      </Form.Item>
      <Col span={24}>
        <Form.Item
          name={[name, 'source']}
          label={t('catalogAdmin.material.source')}
          rules={[required]}
          extra={t('catalogAdmin.material.sourceHint')}
        >
          <Radio.Group
            options={optionsOf(['upload', 'certificate', 'sharedData'], materialSourceKey, t)}
          />
        </Form.Item>
      </Col>
      <Form.Item noStyle dependencies={[['materials', name, 'source']]}>
        {({ getFieldValue }) => {
          const source = getFieldValue(['materials', name, 'source']) as unknown;
          if (source === 'certificate') {
            return (
              <Col span={24}>
                <Form.Item
                  name={[name, 'certificateTypeCode']}
                  label={t('catalogAdmin.material.certificateType')}
                  rules={[required]}
                >
                  <CertificateTypeSelect placeholder={t('catalogAdmin.certificateType.pick')} />
                </Form.Item>
              </Col>
            );
          }
          if (source === 'sharedData') {
            return (
              <Col span={24}>
                <Form.Item
                  name={[name, 'sharedDataResource']}
                  label={t('catalogAdmin.material.sharedDataResource')}
                  rules={[requiredText]}
                >
                  <Input
                    maxLength={200}
                    placeholder={t('catalogAdmin.material.sharedDataPlaceholder')}
                  />
                </Form.Item>
              </Col>
            );
          }
          return null;
        }}
      </Form.Item>
      <Col xs={24} md={12}>
        <Form.Item name={[name, 'sampleUrl']} label={t('catalogAdmin.material.sampleUrl')}>
          <Input maxLength={500} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[name, 'blankFormUrl']} label={t('catalogAdmin.material.blankFormUrl')}>
          <Input maxLength={500} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={[name, 'note']} label={t('catalogAdmin.material.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Col>
    </Row>
  );
}
