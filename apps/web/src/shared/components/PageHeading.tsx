import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { usePageTitle } from './usePageTitle';

interface PageHeadingProps {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
}

/** The page's one h1, which also names the browser tab. */
export function PageHeading({ title, description, extra }: PageHeadingProps) {
  usePageTitle(title);
  return (
    <header className="zt-page-heading">
      <div>
        <Typography.Title level={1} className="zt-page-title">
          {title}
        </Typography.Title>
        {description && (
          <Typography.Paragraph type="secondary" className="zt-page-description">
            {description}
          </Typography.Paragraph>
        )}
      </div>
      {extra && <div className="zt-page-extra">{extra}</div>}
    </header>
  );
}
