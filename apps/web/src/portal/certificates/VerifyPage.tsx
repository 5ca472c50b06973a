import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Verification } from '@zhengtong/contracts';
import { Button, Card, Descriptions, Form, Input, Result, type ResultProps } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../shared/api/ApiError';
import { certificateLinks, verificationQuery } from '../../shared/api/certificates';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { PageHeading } from '../../shared/components/PageHeading';
import { useT } from '../../shared/i18n/LocaleProvider';
import { useDateTexts } from '../applications/dates';
import { identifierFrom, identifierPattern, verificationKey } from './labels';
import './certificates.css';

interface VerifyForm {
  input: string;
}

/**
 * 证照核验 (/verify, /verify/:identifier; public): the form for an identifier or a pasted QR link,
 * and the outcome for the identifier in the address — which is where a certificate's QR code
 * leads.
 */
export function VerifyPage() {
  const t = useT();
  const navigate = useNavigate();
  const { identifier } = useParams();
  const [form] = Form.useForm<VerifyForm>();
  const valid = identifier !== undefined && identifierPattern.test(identifier);

  return (
    <>
      <PageHeading title={t('verify.title')} description={t('verify.description')} />
      <div className="zt-stack">
        <Card className="zt-card">
          <Form<VerifyForm>
            form={form}
            key={identifier ?? ''}
            layout="vertical"
            requiredMark={false}
            role="search"
            aria-label={t('verify.title')}
            initialValues={{ input: identifier ?? '' }}
            onFinish={({ input }) =>
              void navigate(certificateLinks.verifyPage(identifierFrom(input)))
            }
          >
            <Form.Item
              name="input"
              label={t('verify.input')}
              rules={[
                { required: true, whitespace: true, message: t('verify.required') },
                {
                  validator: (_rule, value: string | undefined) =>
                    !value?.trim() || identifierPattern.test(identifierFrom(value))
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('verify.invalid'))),
                },
              ]}
            >
              <Input
                size="large"
                allowClear
                autoComplete="off"
                spellCheck={false}
                className="zt-code"
                placeholder={t('verify.placeholder')}
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              icon={<SafetyCertificateOutlined aria-hidden />}
            >
              {t('verify.submit')}
            </Button>
          </Form>
        </Card>
        {identifier !== undefined &&
          (valid ? (
            <VerificationResult identifier={identifier} />
          ) : (
            <Card className="zt-card">
              <Result status="warning" title={t('verify.invalid')} />
            </Card>
          ))}
      </div>
    </>
  );
}

const resultStatus: Record<Verification['status'], ResultProps['status']> = {
  valid: 'success',
  expired: 'warning',
  revoked: 'error',
  tampered: 'error',
  unknown: 'info',
};

function VerificationResult({ identifier }: { identifier: string }) {
  const t = useT();
  const query = useQuery(verificationQuery(identifier));

  if (query.isPending) return <LoadingBlock label={t('verify.checking')} />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return <Outcome verification={unknownVerification(identifier)} />;
    }
    return <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <Outcome verification={query.data} />;
}

function unknownVerification(identifier: string): Verification {
  return {
    status: 'unknown',
    identifier,
    issuer: null,
    type: null,
    holderMasked: null,
    validFrom: null,
    validTo: null,
    reason: null,
    supersededBy: null,
  };
}

/** 已变更: revoked because a changed certificate replaced it. */
function isSuperseded(verification: Verification): boolean {
  return verification.status === 'revoked' && verification.supersededBy !== null;
}

/** The outcome, big and coloured, then what the verification found. */
function Outcome({ verification }: { verification: Verification }) {
  const t = useT();
  const dates = useDateTexts();
  const { status } = verification;
  const superseded = isSuperseded(verification);
  const day = (value: string | null) => dates.date(value?.slice(0, 10));
  const validity = verification.validFrom
    ? verification.validTo
      ? t('verify.validityRange', {
          from: day(verification.validFrom),
          to: day(verification.validTo),
        })
      : t('verify.validityOpen', { from: day(verification.validFrom) })
    : undefined;

  return (
    <Card
      className={`zt-card zt-verify-outcome zt-verify-${superseded ? 'superseded' : status}`}
      aria-live="polite"
      aria-label={t('verify.result')}
    >
      <Result
        status={superseded ? 'warning' : resultStatus[status]}
        title={
          <h2 className="zt-verify-status">
            <span className="zt-visually-hidden">{t('verify.result')}：</span>
            {t(superseded ? 'verify.status.superseded' : verificationKey[status])}
          </h2>
        }
        subTitle={t(superseded ? 'verify.detail.superseded' : `verify.detail.${status}`)}
      />
      <Descriptions
        bordered
        size="middle"
        column={1}
        className="zt-verify-facts"
        items={[
          {
            key: 'identifier',
            label: t('verify.identifier'),
            children: <span className="zt-code zt-break">{verification.identifier}</span>,
          },
          ...(verification.type
            ? [{ key: 'type', label: t('verify.type'), children: verification.type.name }]
            : []),
          ...(verification.holderMasked
            ? [{ key: 'holder', label: t('verify.holder'), children: verification.holderMasked }]
            : []),
          ...(verification.issuer
            ? [
                {
                  key: 'issuer',
                  label: t('verify.issuer'),
                  children: verification.issuer.organisationName,
                },
                {
                  key: 'seal',
                  label: t('verify.seal'),
                  children: (
                    <>
                      {verification.issuer.sealName}
                      <span className="zt-subline zt-muted">
                        {t('verify.keyId')}:{' '}
                        <span className="zt-code">{verification.issuer.keyId}</span>
                      </span>
                    </>
                  ),
                },
              ]
            : []),
          ...(validity
            ? [{ key: 'validity', label: t('verify.validity'), children: validity }]
            : []),
          ...(verification.reason
            ? [{ key: 'reason', label: t('verify.reason'), children: verification.reason }]
            : []),
          ...(verification.supersededBy
            ? [
                {
                  key: 'supersededBy',
                  label: t('verify.supersededBy'),
                  children: (
                    <>
                      <span className="zt-code zt-break">{verification.supersededBy}</span>{' '}
                      <Link to={certificateLinks.verifyPage(verification.supersededBy)}>
                        {t('verify.openNew')}
                      </Link>
                    </>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
