import type { Role } from '@zhengtong/contracts';
import { Select } from 'antd';
import { useT } from '../shared/i18n/LocaleProvider';
import { roleLabelKey, staffRoles } from '../shared/identity/roles';

interface RoleSelectProps {
  id?: string;
  value?: Role[];
  onChange?: (roles: Role[]) => void;
  exclude?: readonly Role[];
  /** the roles to offer; every staff role when not given */
  offer?: readonly Role[];
}

/** 角色 picker: role names in the UI language, the identifier beside them for admins. */
export function RoleSelect({
  id,
  value,
  onChange,
  exclude = [],
  offer = staffRoles,
}: RoleSelectProps) {
  const t = useT();
  return (
    <Select<Role[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      optionFilterProp="label"
      options={offer
        .filter((role) => !exclude.includes(role))
        .map((role) => ({ value: role, label: `${t(roleLabelKey(role))} (${role})` }))}
    />
  );
}
