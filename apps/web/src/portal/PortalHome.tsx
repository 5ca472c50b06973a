import {
  AppstoreOutlined,
  BankOutlined,
  LikeOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ENTERPRISE_LIFE_EVENTS, PERSON_LIFE_EVENTS } from '@zhengtong/contracts';
import { Card, Col, Input, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { DeadlineCalculator } from '../shared/calendar/DeadlineCalculator';
import { WorkingCalendar } from '../shared/calendar/WorkingCalendar';
import { usePageTitle } from '../shared/components/usePageTitle';
import { useT } from '../shared/i18n/LocaleProvider';
import { LifeEventChips } from './catalog/LifeEventChips';
import { bundlesPath, serviceSearchHref } from './catalog/serviceSearch';
import { ServiceHallDirectory } from './ServiceHallDirectory';
import './catalog/catalog.css';

/**
 * 办事大厅 (public portal): find a service and its guide, by words, applicant or life event;
 * where to go in person; how working-day time limits run.
 */
export function PortalHome() {
  const t = useT();
  const navigate = useNavigate();
  usePageTitle(t('nav.portal'));
  return (
    <>
      <section className="zt-hero" aria-labelledby="zt-portal-title">
        <Typography.Title level={1} id="zt-portal-title" className="zt-hero-title">
          {t('portal.title')}
        </Typography.Title>
        <Typography.Paragraph className="zt-hero-text">
          {t('catalog.home.subtitle')}
        </Typography.Paragraph>
        <div role="search" className="zt-hero-search">
          <label htmlFor="zt-home-search" className="zt-visually-hidden">
            {t('catalog.home.searchLabel')}
          </label>
          <Input.Search
            id="zt-home-search"
            size="large"
            type="search"
            enterKeyHint="search"
            maxLength={50}
            placeholder={t('catalog.search.placeholder')}
            enterButton={t('catalog.home.searchButton')}
            onSearch={(q) => void navigate(serviceSearchHref({ q: q.trim() || undefined }))}
          />
        </div>
        <p className="zt-hero-links">
          <Link to="/verify">
            <SafetyCertificateOutlined aria-hidden /> {t('verify.nav')}
          </Link>
          <Link to="/evaluations">
            <LikeOutlined aria-hidden /> {t('evaluation.public.nav')}
          </Link>
        </p>
      </section>
      <nav aria-label={t('catalog.home.entries')} className="zt-entries">
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <Entry
              to={serviceSearchHref({ kind: 'person' })}
              className="zt-entry-person"
              icon={<UserOutlined />}
              title={t('catalog.home.person')}
              text={t('catalog.home.personText')}
            />
          </Col>
          <Col xs={24} md={8}>
            <Entry
              to={serviceSearchHref({ kind: 'enterprise' })}
              className="zt-entry-enterprise"
              icon={<BankOutlined />}
              title={t('catalog.home.enterprise')}
              text={t('catalog.home.enterpriseText')}
            />
          </Col>
          <Col xs={24} md={8}>
            <Entry
              to={bundlesPath}
              className="zt-entry-bundles"
              icon={<AppstoreOutlined />}
              title={t('catalog.home.bundles')}
              text={t('catalog.home.bundlesText')}
            />
          </Col>
        </Row>
      </nav>
      <Card
        className="zt-card zt-note"
        title={
          <Typography.Title level={2} className="zt-card-heading">
            {t('catalog.home.lifeEvents')}
          </Typography.Title>
        }
      >
        <div className="zt-topics">
          <div>
            <Typography.Title level={3}>{t('catalog.home.personEvents')}</Typography.Title>
            <LifeEventChips
              label={t('catalog.home.personEvents')}
              events={PERSON_LIFE_EVENTS}
              linkTo={(lifeEvent) => serviceSearchHref({ kind: 'person', lifeEvent })}
            />
          </div>
          <div>
            <Typography.Title level={3}>{t('catalog.home.enterpriseEvents')}</Typography.Title>
            <LifeEventChips
              label={t('catalog.home.enterpriseEvents')}
              events={ENTERPRISE_LIFE_EVENTS}
              linkTo={(lifeEvent) => serviceSearchHref({ kind: 'enterprise', lifeEvent })}
            />
          </div>
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <ServiceHallDirectory />
        </Col>
        <Col xs={24} xl={10} className="zt-stack">
          <DeadlineCalculator />
          <div className="zt-card-plain">
            <WorkingCalendar compact />
          </div>
        </Col>
      </Row>
    </>
  );
}

interface EntryProps {
  to: string;
  className: string;
  icon: ReactNode;
  title: string;
  text: string;
}

/** 个人办事 / 法人办事 / 一件事一次办: a large link with an icon and what is behind it. */
function Entry({ to, className, icon, title, text }: EntryProps) {
  return (
    <Link to={to} className={`zt-entry ${className}`}>
      <span className="zt-entry-icon" aria-hidden>
        {icon}
      </span>
      <span>
        <span className="zt-entry-title">{title}</span>
        <span className="zt-entry-text">{text}</span>
      </span>
    </Link>
  );
}
