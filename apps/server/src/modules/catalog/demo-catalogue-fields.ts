import type { PrefillSource } from '@zhengtong/contracts';
import { amount, choice, date, mobile, text, type Field } from './demo-catalogue-builders.js';

// Form fields shared by the members of a 一件事 bundle. The same name with the same schema in
// several members' forms is asked once in the merged form, so these objects are reused as is.

/** 企业开办一件事 */
export const ENTERPRISE_FIELDS = {
  enterpriseName: text('企业名称', { placeholder: '如：郑州某某科技有限公司', maxLength: 100 }),
  registeredAddress: text('住所（经营场所）', {
    placeholder: '省、市、县（区）、街道及门牌号',
    maxLength: 200,
  }),
  legalRepresentativeName: text('法定代表人姓名', { maxLength: 50 }),
  registeredCapital: amount('注册资本（万元）', { minimum: 0, maximum: 10000000 }),
} satisfies Record<string, Field>;

/** A field filled from the applicant's identity (预填); the applicant may still change it. */
export const prefilled = (field: Field, source: PrefillSource): Field => ({
  ...field,
  schema: { ...field.schema, 'x-zt-prefill': source },
});

/**
 * The enterprise that applies, in items of an enterprise that exists already: filled from the
 * enterprise the person acts for. Never in 企业开办, where the name is that of the NEW enterprise
 * (and the members of a bundle must keep identical schemas).
 */
export const APPLYING_ENTERPRISE_FIELDS = {
  enterpriseName: prefilled(ENTERPRISE_FIELDS.enterpriseName, 'enterprise.name'),
} satisfies Record<string, Field>;

/** 新生儿出生一件事 */
export const NEWBORN_FIELDS = {
  babyName: text('新生儿姓名', { maxLength: 20 }),
  babyGender: choice('新生儿性别', ['男', '女'], { radio: true }),
  babyBirthDate: date('新生儿出生日期'),
  motherName: text('母亲姓名', { maxLength: 50 }),
  // optional everywhere alike: a birth may be registered without the father's particulars
  fatherName: text('父亲姓名', { maxLength: 50, optional: true }),
  guardianPhone: mobile('监护人联系电话'),
} satisfies Record<string, Field>;

/** A checkbox group of fixed options. */
export const options = (title: string, values: readonly string[]): Field => ({
  schema: {
    type: 'array',
    title,
    items: { type: 'string', enum: [...values] },
    uniqueItems: true,
    minItems: 1,
  },
  ui: { 'ui:widget': 'checkboxes' },
});

export const year = (title: string): Field =>
  amount(title, { integer: true, minimum: 2020, maximum: 2100 });

export const count = (title: string, maximum = 100000): Field =>
  amount(title, { integer: true, minimum: 1, maximum });
