import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Button, Card, Form, Space, type FormListFieldData } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../shared/i18n/LocaleProvider';

/** Buttons to move or remove one entry of a Form.List. */
function EntryTools({
  index,
  count,
  move,
  remove,
  label,
}: {
  index: number;
  count: number;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
  label: string;
}) {
  const t = useT();
  return (
    <Space size={4}>
      <Button
        size="small"
        icon={<ArrowUpOutlined aria-hidden />}
        aria-label={t('catalogAdmin.editor.moveUp', { entry: label })}
        disabled={index === 0}
        onClick={() => move(index, index - 1)}
      />
      <Button
        size="small"
        icon={<ArrowDownOutlined aria-hidden />}
        aria-label={t('catalogAdmin.editor.moveDown', { entry: label })}
        disabled={index === count - 1}
        onClick={() => move(index, index + 1)}
      />
      <Button
        size="small"
        danger
        icon={<DeleteOutlined aria-hidden />}
        aria-label={t('catalogAdmin.editor.remove', { entry: label })}
        onClick={() => remove(index)}
      />
    </Space>
  );
}

/**
 * An ordered list of an element's entries (材料, 收费项目, 环节, 常见问题): each entry a card,
 * named by its number, with buttons to move or remove it; the list's errors; a button to add one.
 */
export function EntryList({
  name,
  entryLabel,
  addLabel,
  max,
  newEntry,
  children,
}: {
  name: string | (string | number)[];
  /** the entry's name, from its number counted from 1 */
  entryLabel: (n: number) => string;
  addLabel: string;
  /** the most entries the list may hold */
  max: number;
  /** the values of an added entry */
  newEntry: () => object;
  /** the fields of one entry */
  children: (field: FormListFieldData) => ReactNode;
}) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove, move }, { errors }) => (
        <div className="zt-stack">
          {fields.map((field, index) => {
            const label = entryLabel(index + 1);
            return (
              <Card
                key={field.key}
                size="small"
                title={label}
                extra={
                  <EntryTools
                    index={index}
                    count={fields.length}
                    move={move}
                    remove={remove}
                    label={label}
                  />
                }
              >
                {children(field)}
              </Card>
            );
          })}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined aria-hidden />}
            disabled={fields.length >= max}
            onClick={() => add(newEntry())}
          >
            {addLabel}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
