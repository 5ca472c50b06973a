import { Progress } from 'antd';
import { useT } from '../shared/i18n/LocaleProvider';
import { passwordStrength } from './passwordStrength';

const display = {
  weak: { percent: 33, color: '#cf1322' },
  fair: { percent: 66, color: '#d48806' },
  strong: { percent: 100, color: '#389e0d' },
} as const;

/** 密码强度 under a new-password field. */
export function PasswordStrengthHint({ password }: { password: string | undefined }) {
  const t = useT();
  if (!password) return <span>{t('password.rules')}</span>;
  const strength = passwordStrength(password);
  const { percent, color } = display[strength];
  return (
    <span className="zt-strength" aria-live="polite">
      <Progress
        percent={percent}
        strokeColor={color}
        showInfo={false}
        size="small"
        className="zt-strength-bar"
        aria-hidden
      />
      <span>
        {t('password.strength')}: {t(`password.strength.${strength}`)} · {t('password.rules')}
      </span>
    </span>
  );
}
