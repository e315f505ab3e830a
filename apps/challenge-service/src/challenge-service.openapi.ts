import { OpenApiInfo } from '@jiebang/platform';

export const CHALLENGE_SERVICE_OPENAPI: OpenApiInfo = {
  title: 'Jiebang challenge-service',
  description: 'Identity, challenges, Q&A, reviews, ranking, award, objections, audit and notifications.',
};
