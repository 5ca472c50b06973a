import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Popconfirm, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { identityKeys, logoutEverywhere } from '../shared/api/identity';
import { useT } from '../shared/i18n/LocaleProvider';

/** 退出所有设备: ends every session of the account, this one included. */
export function SessionsCard() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: logoutEverywhere,
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: identityKeys.all });
      queryClient.setQueryData(identityKeys.me, null);
      void navigate('/login');
    },
  });
  return (
    <Card className="zt-card" title={<h2 className="zt-card-heading">{t('me.sessions')}</h2>}>
      <Typography.Paragraph type="secondary">{t('me.sessionsDetail')}</Typography.Paragraph>
      <Popconfirm
        title={t('me.logoutAllConfirm')}
        okText={t('me.logoutAll')}
        cancelText={t('common.cancel')}
        onConfirm={() => mutation.mutate()}
      >
        <Button danger loading={mutation.isPending}>
          {t('me.logoutAll')}
        </Button>
      </Popconfirm>
    </Card>
  );
}
