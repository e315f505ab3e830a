import { Challenge, EnterpriseProfile, Organization } from '@jiebang/domain';
import type { ChallengeQuery, EnterpriseDocument } from '@jiebang/matching';

/** What the ranking engine sees of an SME: its organization's region and size, and its profile. */
export function toEnterpriseDocument(organization: Organization, profile: EnterpriseProfile | null): EnterpriseDocument {
  return {
    id: organization.id,
    name: organization.name,
    region: organization.region,
    size: organization.size,
    description: profile?.description ?? '',
    capabilities: profile?.capabilities ?? [],
    industries: profile?.industries ?? [],
    certifications: profile?.certifications ?? [],
    patents: (profile?.patents ?? []).map((p) => ({ title: p.title, year: p.year })),
    pastProjects: (profile?.pastProjects ?? []).map((p) => ({ title: p.title, description: p.description, year: p.year, client: p.client })),
  };
}

/** A challenge as a ranking query: its text, KPIs, tags, industry, the lead as issuer, and its eligibility. */
export function toChallengeQuery(challenge: Challenge): ChallengeQuery {
  return {
    title: challenge.title,
    description: challenge.description,
    tags: challenge.tags,
    kpis: challenge.kpis.map((k) => `${k.name} ${k.target}${k.unit ? ` ${k.unit}` : ''}`),
    industry: challenge.industry,
    issuer: challenge.organizationName,
    year: (challenge.publishedAt ?? challenge.createdAt).getUTCFullYear(),
    eligibility: challenge.eligibility,
  };
}
