import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Space, Typography } from 'antd';
import { useParams } from 'react-router';
import {
  interactionAbort,
  interactionConfirm,
  interactionContinue,
  interactionLogin,
  interactionQuery,
  type Interaction,
  type InteractionRedirect,
} from '../shared/api/identity';
import { ApiErrorAlert } from '../shared/components/ApiErrorAlert';
import { ApiErrorNotifier } from '../shared/components/ApiErrorNotifier';
import { LoadingBlock } from '../shared/components/LoadingBlock';
import { usePageTitle } from '../shared/components/usePageTitle';
import { useT, type Translate } from '../shared/i18n/LocaleProvider';
import type { MessageKey } from '../shared/i18n/messages';
import { LanguageSwitch } from '../shared/layout/LanguageSwitch';
import { LoginForm } from './LoginForm';

const knownScopes: Record<string, MessageKey> = {
  openid: 'oidc.scope.openid',
  profile: 'oidc.scope.profile',
  phone: 'oidc.scope.phone',
  email: 'oidc.scope.email',
  offline_access: 'oidc.scope.offline_access',
  organisation: 'oidc.scope.organisation',
  roles: 'oidc.scope.roles',
  id_number: 'oidc.scope.id_number',
};

function describeScope(scope: string, t: Translate): string {
  const key = knownScopes[scope];
  return key ? t(key) : t('oidc.scope.other', { scope });
}

function follow({ redirectTo }: InteractionRedirect): void {
  // Back to the OpenID provider, which sends the browser on to the application.
  window.location.assign(redirectTo);
}

/**
 * 统一身份认证: the login and consent pages of single sign-on, on their own, without the
 * platform's navigation — the visitor came from another application and goes back to it.
 */
export function OidcLoginPage() {
  const t = useT();
  const { uid = '' } = useParams();
  const query = useQuery(interactionQuery(uid));
  usePageTitle(t('oidc.title'));

  return (
    <div className="zt-sso">
      <header className="zt-sso-header">
        <span className="zt-logo">
          <span className="zt-logo-mark" aria-hidden>
            政
          </span>
          <span className="zt-logo-text">{t('app.name')}</span>
          <span className="zt-sso-product">{t('oidc.product')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className="zt-sso-main">
        <Card className="zt-auth-card">
          <h1 className="zt-sso-title">
            {query.data?.prompt === 'consent' ? t('oidc.consentTitle') : t('oidc.title')}
          </h1>
          {query.isPending && <LoadingBlock />}
          {query.isError && (
            <div className="zt-stack">
              <Alert
                type="warning"
                showIcon
                role="alert"
                title={t('oidc.expired')}
                description={t('oidc.expiredDetail')}
              />
              <ApiErrorAlert error={query.error} />
            </div>
          )}
          {query.data?.prompt === 'login' && <SsoLogin interaction={query.data} />}
          {query.data?.prompt === 'consent' && <SsoConsent interaction={query.data} />}
        </Card>
      </main>
      <footer className="zt-footer zt-sso-footer">{t('footer.text')}</footer>
      <ApiErrorNotifier />
    </div>
  );
}

function ClientLine({ interaction }: { interaction: Interaction }) {
  const t = useT();
  return (
    <Alert
      type="info"
      showIcon
      icon={<SafetyCertificateOutlined aria-hidden />}
      className="zt-note"
      title={t('oidc.asking', { client: interaction.client.name })}
      description={
        <span className="zt-muted">
          {t('oidc.clientId')}: <code>{interaction.client.clientId}</code>
        </span>
      }
    />
  );
}

function SsoLogin({ interaction }: { interaction: Interaction }) {
  const t = useT();
  const proceed = useMutation({
    mutationFn: () => interactionContinue(interaction.uid),
    onSuccess: follow,
  });
  const { signedIn } = interaction;
  return (
    <>
      <ClientLine interaction={interaction} />
      {signedIn && !interaction.freshLoginRequired && (
        <>
          {proceed.isError && (
            <div className="zt-note">
              <ApiErrorAlert error={proceed.error} />
            </div>
          )}
          <Button type="primary" block onClick={() => proceed.mutate()} loading={proceed.isPending}>
            {t('oidc.continueAs', { name: signedIn.name })}
          </Button>
          <Divider plain>{t('oidc.otherAccount')}</Divider>
        </>
      )}
      <LoginForm
        submitLabel={t('oidc.signInAndContinue')}
        submit={async (body) => follow(await interactionLogin(interaction.uid, body))}
      />
    </>
  );
}

function SsoConsent({ interaction }: { interaction: Interaction }) {
  const t = useT();
  const confirm = useMutation({
    mutationFn: () => interactionConfirm(interaction.uid),
    onSuccess: follow,
  });
  const abort = useMutation({
    mutationFn: () => interactionAbort(interaction.uid),
    onSuccess: follow,
  });
  const signedInName = interaction.signedIn?.name;

  return (
    <>
      <ClientLine interaction={interaction} />
      {signedInName && (
        <Typography.Paragraph>{t('oidc.signedInAs', { name: signedInName })}</Typography.Paragraph>
      )}
      <Typography.Paragraph>
        {t('oidc.consentIntro', { client: interaction.client.name })}
      </Typography.Paragraph>
      <ul className="zt-scope-list">
        {interaction.scopes.map((scope) => (
          <li key={scope}>{describeScope(scope, t)}</li>
        ))}
      </ul>
      <Space wrap>
        <Button
          type="primary"
          onClick={() => confirm.mutate()}
          loading={confirm.isPending}
          disabled={abort.isPending}
        >
          {t('oidc.allow')}
        </Button>
        <Button
          onClick={() => abort.mutate()}
          loading={abort.isPending}
          disabled={confirm.isPending}
        >
          {t('oidc.deny')}
        </Button>
      </Space>
    </>
  );
}
