import { OpenApiInfo } from '@jiebang/platform';

export const BIDDING_SERVICE_OPENAPI: OpenApiInfo = {
  title: 'Jiebang bidding-service',
  description: 'Enterprise profiles, enterprise import, recommendations, sealed bids, assessments and feedback.',
};
