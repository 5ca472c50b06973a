import { Space, Tag, Tooltip } from 'antd';
import { useT } from '../../shared/i18n/LocaleProvider';
import { useSession } from '../../shared/identity/session';
import { deployerText, elementCounts } from './labels';

/** 流程元素: a tag per kind of element with its count (用户任务 3 …). */
export function ElementCountTags({ elements }: { elements: Record<string, number> }) {
  const t = useT();
  return (
    <Space size={[4, 4]} wrap>
      {elementCounts(elements, t).map(({ kind, label, count }) => (
        <Tag key={kind} color={kind === 'userTask' ? 'blue' : undefined}>
          {t('workflowAdmin.count', { kind: label, count })}
        </Tag>
      ))}
    </Space>
  );
}

/** 部署人: 系统内置, 我, or the account id (shortened, whole on hover). */
export function DeployedBy({ deployedBy }: { deployedBy: string }) {
  const t = useT();
  const { me } = useSession();
  const text = deployerText(deployedBy, me, t);
  if (text) return <>{text}</>;
  return (
    <Tooltip title={deployedBy}>
      <span className="zt-code" aria-label={deployedBy} tabIndex={0}>
        {deployedBy.length > 12 ? `${deployedBy.slice(0, 8)}…` : deployedBy}
      </span>
    </Tooltip>
  );
}
