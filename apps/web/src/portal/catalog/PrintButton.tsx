import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useT } from '../../shared/i18n/LocaleProvider';

/** Prints the page; the print style sheet leaves out the navigation and the controls. */
export function PrintButton() {
  const t = useT();
  return (
    <Button
      icon={<PrinterOutlined aria-hidden />}
      onClick={() => window.print()}
      className="zt-no-print"
    >
      {t('catalog.guide.print')}
    </Button>
  );
}
