import { randomUUID } from 'node:crypto';
import { InvalidStateError } from '../errors';
import { ReviewerProfile } from './reviewer-profile.entity';

const NOW = new Date('2030-03-01T08:00:00.000Z');
const LATER = new Date('2030-03-02T08:00:00.000Z');

function pending(): ReviewerProfile {
  return ReviewerProfile.register(randomUUID(), ['伺服', 'motion-control', '伺服'], ['91350100M000100Y43', '91350100M000100Y43'], NOW);
}

describe('ReviewerProfile', () => {
  it('registers as pending, without duplicate expertise or affiliations', () => {
    const profile = pending();

    expect(profile.status).toBe('pending');
    expect(profile.expertise).toEqual(['伺服', 'motion-control']);
    expect(profile.affiliations).toEqual(['91350100M000100Y43']);
    expect(profile.createdAt).toEqual(NOW);
  });

  it('is approved by an admin', () => {
    const profile = pending();

    profile.approve(LATER);

    expect(profile.status).toBe('approved');
    expect(profile.updatedAt).toEqual(LATER);
  });

  it('refuses to approve an approved reviewer', () => {
    const profile = pending();
    profile.approve(NOW);

    expect(() => profile.approve(LATER)).toThrow(InvalidStateError);
    expect(profile.updatedAt).toEqual(NOW);
  });

  it.each(['pending', 'approved'] as const)('suspends a %s reviewer', (start) => {
    const profile = pending();
    if (start === 'approved') profile.approve(NOW);

    profile.suspend(LATER);

    expect(profile.status).toBe('suspended');
    expect(profile.updatedAt).toEqual(LATER);
  });

  it('refuses to suspend a suspended reviewer', () => {
    const profile = pending();
    profile.suspend(NOW);

    expect(() => profile.suspend(LATER)).toThrow(InvalidStateError);
    expect(profile.status).toBe('suspended');
  });

  it('re-approves a suspended reviewer', () => {
    const profile = pending();
    profile.approve(NOW);
    profile.suspend(NOW);

    profile.approve(LATER);

    expect(profile.status).toBe('approved');
  });
});
