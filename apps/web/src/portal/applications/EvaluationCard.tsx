import { useQuery } from '@tanstack/react-query';
import {
  EVALUATION_DIMENSIONS,
  type Evaluation,
  type EvaluationDimensions,
  type RateBody,
} from '@zhengtong/contracts';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  Radio,
  Rate,
  Space,
  Tag,
  Typography,
} from 'antd';
import { caseEvaluationQuery, useRateCase, type RatedSubject } from '../../shared/api/evaluations';
import { ApiErrorAlert } from '../../shared/components/ApiErrorAlert';
import { LoadingBlock } from '../../shared/components/LoadingBlock';
import { useT } from '../../shared/i18n/LocaleProvider';
import { dimensionKey, LEVELS, levelKey, levelName } from '../evaluations/labels';
import '../evaluations/evaluations.css';
import { DetailSection } from './ApplicationPageShell';
import { useDateTexts } from './dates';

type OnlineDimension = (typeof EVALUATION_DIMENSIONS.online)[number];

interface RateValues {
  level: number;
  dimensions?: Partial<Record<OnlineDimension, number>>;
  comment?: string;
}

/**
 * 一事一评: the applicant rates a completed or refused application — or an 一件事 as a whole —
 * once: the overall level (整体满意度) and, optionally, the online channel's dimensions and a
 * comment.
 */
export function EvaluationCard({ subject }: { subject: RatedSubject }) {
  const t = useT();
  const dates = useDateTexts();
  const query = useQuery(caseEvaluationQuery(subject));

  const body = (() => {
    if (query.isError) {
      return <ApiErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
    }
    if (query.isPending) return <LoadingBlock label={t('evaluation.card.loading')} />;
    const { state, closesAt, evaluation } = query.data;
    switch (state) {
      case 'open':
        return (
          <div className="zt-stack">
            <Typography.Paragraph className="zt-alert-text">
              {t('evaluation.card.intro')}
              {closesAt && (
                <> {t('evaluation.card.closesAt', { date: dates.dateTime(closesAt) })}</>
              )}
            </Typography.Paragraph>
            <RateForm subject={subject} />
          </div>
        );
      case 'rated':
        return evaluation ? <RatedView evaluation={evaluation} /> : null;
      case 'expired':
        return <Alert type="info" showIcon title={t('evaluation.card.expired')} />;
      case 'notYet':
        return <Alert type="info" showIcon title={t('evaluation.card.notYet')} />;
    }
  })();

  return (
    <DetailSection id="zt-evaluation" title={t('evaluation.card.title')}>
      {body}
    </DetailSection>
  );
}

function RateForm({ subject }: { subject: RatedSubject }) {
  const t = useT();
  const { message } = App.useApp();
  const rate = useRateCase(subject);
  const levelNames = [1, 2, 3, 4, 5].map((level) => levelName(t, level));

  const submit = (values: RateValues) => {
    const dimensions = Object.fromEntries(
      Object.entries(values.dimensions ?? {}).filter(([, score]) => !!score),
    ) as EvaluationDimensions;
    const comment = values.comment?.trim();
    const body: RateBody = {
      level: values.level,
      ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
      ...(comment ? { comment } : {}),
    };
    rate.mutate(body, { onSuccess: () => void message.success(t('evaluation.card.thanks')) });
  };

  return (
    <Form<RateValues> layout="vertical" name="evaluation" onFinish={submit} labelWrap>
      {rate.isError && <ApiErrorAlert error={rate.error} />}
      <Form.Item
        name="level"
        label={t('evaluation.level')}
        rules={[{ required: true, message: t('evaluation.levelRequired') }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          className="zt-evaluation-levels"
          options={LEVELS.map((level) => ({ value: level, label: t(levelKey[level]) }))}
        />
      </Form.Item>
      <fieldset className="zt-evaluation-dimensions">
        <legend>{t('evaluation.dimensions')}</legend>
        {EVALUATION_DIMENSIONS.online.map((dimension) => (
          <Form.Item
            key={dimension}
            name={['dimensions', dimension]}
            label={t(dimensionKey[dimension])}
            layout="horizontal"
            labelAlign="left"
            labelCol={{ flex: '12em' }}
            className="zt-evaluation-dimension"
          >
            {/* tooltips name the levels 1–5, worst first as the stars run */}
            <Rate tooltips={levelNames} />
          </Form.Item>
        ))}
      </fieldset>
      <Form.Item name="comment" label={t('evaluation.comment')}>
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          placeholder={t('evaluation.commentPlaceholder')}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={rate.isPending}>
        {t('evaluation.submit')}
      </Button>
    </Form>
  );
}

function RatedView({ evaluation }: { evaluation: Evaluation }) {
  const t = useT();
  const dates = useDateTexts();
  const scored = EVALUATION_DIMENSIONS[evaluation.channel].filter(
    (dimension) => evaluation.dimensions[dimension] !== undefined,
  );
  return (
    <div className="zt-stack">
      <Alert
        type="success"
        showIcon
        title={t('evaluation.card.rated', { date: dates.dateTime(evaluation.createdAt) })}
        description={
          evaluation.excludedAt
            ? t('evaluation.card.excluded')
            : evaluation.bad && evaluation.caseId
              ? t('evaluation.card.caseOpened')
              : undefined
        }
      />
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'level',
            label: t('evaluation.level'),
            children: (
              <Tag color={evaluation.bad ? 'red' : 'green'}>{levelName(t, evaluation.level)}</Tag>
            ),
          },
          ...scored.map((dimension) => ({
            key: dimension,
            label: t(dimensionKey[dimension]),
            children: (
              <Space size={8}>
                <Rate disabled value={evaluation.dimensions[dimension]} />
                <span className="zt-muted">
                  {levelName(t, evaluation.dimensions[dimension] ?? 0)}
                </span>
              </Space>
            ),
          })),
          ...(evaluation.comment
            ? [
                {
                  key: 'comment',
                  label: t('evaluation.commentShown'),
                  children: <span className="zt-prewrap">{evaluation.comment}</span>,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
