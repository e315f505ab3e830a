import { bidContent } from '../../../../test/support/factories';
import { Kpi } from '../challenges/challenge.types';
import { bidContentProblems } from './bid-content';

function kpis(): Kpi[] {
  return [
    { id: '11111111-1111-4111-8111-111111111111', name: '定位精度', target: '±0.01', unit: 'mm', mandatory: true },
    { id: '22222222-2222-4222-8222-222222222222', name: '响应时间', target: '<2', unit: 'ms', mandatory: true },
    { id: '33333333-3333-4333-8333-333333333333', name: '功耗', target: '<50', unit: 'W', mandatory: false },
  ];
}

describe('bidContentProblems', () => {
  it('finds nothing wrong with valid content', () => {
    const challengeKpis = kpis();

    expect(bidContentProblems(bidContent(challengeKpis), challengeKpis)).toEqual([]);
  });

  it('does not require an answer to an optional KPI', () => {
    const challengeKpis = kpis();

    expect(bidContentProblems(bidContent(challengeKpis.slice(0, 2)), challengeKpis)).toEqual([]);
  });

  it('names a mandatory KPI without a response', () => {
    const challengeKpis = kpis();

    const problems = bidContentProblems(bidContent([challengeKpis[0]]), challengeKpis);

    expect(problems).toEqual([{ field: 'kpiResponses', message: expect.stringContaining(challengeKpis[1].id) }]);
  });

  it('refuses a response to a KPI the challenge does not have', () => {
    const challengeKpis = kpis();
    const content = bidContent([...challengeKpis, { id: '44444444-4444-4444-8444-444444444444' }]);

    expect(bidContentProblems(content, challengeKpis)).toEqual([{ field: 'kpiResponses.3.kpiId', message: expect.any(String) }]);
  });

  it('refuses a KPI answered twice', () => {
    const challengeKpis = kpis();
    const content = bidContent([...challengeKpis, challengeKpis[0]]);

    expect(bidContentProblems(content, challengeKpis)).toEqual([{ field: 'kpiResponses.3.kpiId', message: expect.stringContaining('twice') }]);
  });

  it.each([
    [[60, 30], 90],
    [[60, 50], 110],
  ])('refuses milestone payments %j summing to %d', (payments, sum) => {
    const challengeKpis = kpis();
    const content = bidContent(challengeKpis, {
      milestones: payments.map((paymentPercent, i) => ({ title: `m${i}`, dueDay: 10 * (i + 1), paymentPercent })),
    });

    expect(bidContentProblems(content, challengeKpis)).toEqual([{ field: 'milestones', message: expect.stringContaining(String(sum)) }]);
  });

  it('refuses a milestone due after durationDays and accepts one due on the last day', () => {
    const challengeKpis = kpis();
    const milestones = (lastDay: number) => [
      { title: 'prototype', dueDay: 30, paymentPercent: 50 },
      { title: 'delivery', dueDay: lastDay, paymentPercent: 50 },
    ];

    expect(bidContentProblems(bidContent(challengeKpis, { durationDays: 90, milestones: milestones(91) }), challengeKpis)).toEqual([
      { field: 'milestones', message: expect.stringContaining('durationDays') },
    ]);
    expect(bidContentProblems(bidContent(challengeKpis, { durationDays: 90, milestones: milestones(90) }), challengeKpis)).toEqual([]);
  });

  it('lists every problem at once', () => {
    const challengeKpis = kpis();
    const content = bidContent([{ id: 'not-a-kpi' }], {
      durationDays: 10,
      milestones: [{ title: 'late', dueDay: 20, paymentPercent: 80 }],
    });

    const problems = bidContentProblems(content, challengeKpis);

    expect(problems.map((p) => p.field)).toEqual(['kpiResponses.0.kpiId', 'kpiResponses', 'kpiResponses', 'milestones', 'milestones']);
  });
});
