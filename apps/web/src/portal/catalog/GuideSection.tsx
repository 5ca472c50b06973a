import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

interface GuideSectionProps {
  /** the anchor the page's table of contents links to */
  id: string;
  title: string;
  extra?: ReactNode;
  children: ReactNode;
}

/** One section of a service guide: a card with an h2 that the contents can jump to. */
export function GuideSection({ id, title, extra, children }: GuideSectionProps) {
  const headingId = `${id}-heading`;
  return (
    <Card
      id={id}
      className="zt-card zt-guide-section"
      extra={extra}
      title={
        <Typography.Title level={2} id={headingId} className="zt-card-heading">
          {title}
        </Typography.Title>
      }
    >
      <section aria-labelledby={headingId}>{children}</section>
    </Card>
  );
}
