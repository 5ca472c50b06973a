import { DownOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Dropdown, Space, Tag, type MenuProps } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { setActingFor } from '../api/identity';
import { useT } from '../i18n/LocaleProvider';
import { useSession, useSetSession, useSignOut } from '../identity/session';

const personalKey = 'acting:self';

/** The top bar's account area: 登录 / 注册, or the signed-in name with its menu. */
export function AccountMenu() {
  const t = useT();
  const { me, isPending } = useSession();
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const signOut = useSignOut();
  const switchIdentity = useMutation({
    mutationFn: setActingFor,
    onSuccess: (next) => setSession(next),
  });

  // Nothing until known, so a signed-in visitor does not see 登录 blink.
  if (isPending) return <div className="zt-account" aria-hidden />;

  if (!me) {
    const here = `${pathname}${search}`;
    const next =
      pathname === '/login' || pathname === '/register' ? '' : `?next=${encodeURIComponent(here)}`;
    return (
      <div className="zt-account">
        <Button type="primary" size="small" onClick={() => void navigate(`/login${next}`)}>
          {t('account.signIn')}
        </Button>
        <Button size="small" onClick={() => void navigate('/register')}>
          {t('account.register')}
        </Button>
      </div>
    );
  }

  const items: MenuProps['items'] = [
    { key: 'me', label: <Link to="/me">{t('account.profile')}</Link> },
  ];
  // 我的办件, 我的证照 and 我的票据 are the applicant's; staff accounts do not apply
  if (me.kind === 'person') {
    items.push(
      {
        key: 'applications',
        label: <Link to="/me/applications">{t('myApplications.title')}</Link>,
      },
      { key: 'certificates', label: <Link to="/me/certificates">{t('certificates.nav')}</Link> },
      { key: 'receipts', label: <Link to="/me/receipts">{t('payments.receipts.nav')}</Link> },
    );
  }
  if (me.enterprises.length > 0) {
    items.push({
      key: 'switch',
      label: t('account.switchIdentity'),
      children: [
        {
          key: personalKey,
          label: t('account.actAsSelf'),
          disabled: me.actingFor === null,
        },
        ...me.enterprises.map((enterprise) => ({
          key: `acting:${enterprise.id}`,
          label: enterprise.name,
          disabled: me.actingFor?.id === enterprise.id,
        })),
      ],
    });
  }
  items.push({ type: 'divider' }, { key: 'signOut', label: t('account.signOut'), danger: true });

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'signOut') {
      signOut.mutate(undefined, { onSettled: () => void navigate('/') });
    } else if (key === personalKey) {
      switchIdentity.mutate(null);
    } else if (key.startsWith('acting:')) {
      switchIdentity.mutate(key.slice('acting:'.length));
    }
  };

  return (
    <div className="zt-account">
      {me.actingFor && (
        <Tag color="blue" className="zt-acting-for">
          {t('account.actingFor', { enterprise: me.actingFor.name })}
        </Tag>
      )}
      <Dropdown menu={{ items, onClick }} trigger={['click']}>
        <Button type="text" aria-label={t('account.menuFor', { name: me.name })}>
          <Space size={4}>
            <UserOutlined aria-hidden />
            <span className="zt-account-name">{me.name}</span>
            <DownOutlined aria-hidden />
          </Space>
        </Button>
      </Dropdown>
    </div>
  );
}
