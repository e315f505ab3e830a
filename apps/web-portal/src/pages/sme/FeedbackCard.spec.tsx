import type { Feedback } from '../../api/types';
import { initI18n } from '../../i18n';
import { reasonKey } from './FeedbackCard';

const feedback = (over: Partial<Feedback>): Feedback => ({
  rank: 2, of: 3, score: 71.5, shortlisted: false, awarded: false, reason: 'server sentence', criteria: [], comments: [], ...over,
});

describe('the feedback sentence in the portal language', () => {
  it('tells the same cases as the server sentence', () => {
    const challenge = { status: 'publicity' as const, passingScore: 60 };
    expect(reasonKey(feedback({ awarded: true }), { status: 'awarded' }, challenge)).toBe('feedback.reason.awardedPublicity');
    expect(reasonKey(feedback({ awarded: true }), { status: 'awarded' }, { ...challenge, status: 'awarded' })).toBe('feedback.reason.awardedFinal');
    expect(reasonKey(feedback({}), { status: 'disqualified' }, challenge)).toBe('feedback.reason.disqualified');
    expect(reasonKey(feedback({ shortlisted: true }), { status: 'rejected' }, challenge)).toBe('feedback.reason.shortlisted');
    expect(reasonKey(feedback({ score: 50 }), { status: 'rejected' }, challenge)).toBe('feedback.reason.belowPassing');
    expect(reasonKey(feedback({}), { status: 'rejected' }, challenge)).toBe('feedback.reason.notShortlisted');
  });

  it('has the sentence in Chinese and in English', () => {
    const i18n = initI18n('zh');
    const values = { rank: 2, of: 3, score: 71.5, passing: 60, shortlistSize: 1 };
    expect(i18n.t('sme:feedback.reason.notShortlisted', values)).toBe('您的方案以 71.5 分排名第 2（共 3 份）；只有达到合格线的前 1 名方案入围。');
    expect(i18n.t('sme:feedback.reason.notShortlisted', { ...values, lng: 'en' })).toBe(
      'Your bid ranked 2 of 3 with 71.5 points; only the top 1 bids at or above the passing score were shortlisted.',
    );
  });
});
