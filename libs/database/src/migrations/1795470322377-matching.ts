import { MigrationInterface, QueryRunner } from 'typeorm';

export class Matching1795470322377 implements MigrationInterface {
  name = 'Matching1795470322377';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"challenge_matches\" (\"challenge_id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, \"rank\" integer NOT NULL, \"score\" double precision NOT NULL, \"eligible\" boolean NOT NULL, \"explanation\" jsonb NOT NULL, \"method\" text NOT NULL, \"computed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_f58e2a3f8b4457c497208db0bf2\" PRIMARY KEY (\"challenge_id\", \"organization_id\"))");
    await queryRunner.query("CREATE INDEX \"challenge_matches_rank_idx\" ON \"challenge_matches\"  (\"challenge_id\", \"rank\") ");
    await queryRunner.query("CREATE TABLE \"recommendations\" (\"organization_id\" uuid NOT NULL, \"challenge_id\" uuid NOT NULL, \"score\" double precision NOT NULL, \"eligible\" boolean NOT NULL, \"explanation\" jsonb NOT NULL, \"method\" text NOT NULL, \"computed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_2ba2032ae70955baeb2b76b34cf\" PRIMARY KEY (\"organization_id\", \"challenge_id\"))");
    await queryRunner.query("CREATE INDEX \"recommendations_score_idx\" ON \"recommendations\"  (\"organization_id\", \"score\") ");
    await queryRunner.query("CREATE TABLE \"bid_assessments\" (\"bid_id\" uuid NOT NULL, \"revision\" integer NOT NULL, \"method\" text NOT NULL, \"eligible\" boolean NOT NULL, \"reasons\" jsonb NOT NULL, \"fit\" jsonb NOT NULL, \"price\" jsonb NOT NULL, \"duration\" jsonb NOT NULL, \"total\" double precision NOT NULL, \"explanation\" jsonb NOT NULL, \"computed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_64b6a61c341e0e45cc4c2c2aece\" PRIMARY KEY (\"bid_id\", \"revision\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"bid_assessments\"");
    await queryRunner.query("DROP INDEX \"public\".\"recommendations_score_idx\"");
    await queryRunner.query("DROP TABLE \"recommendations\"");
    await queryRunner.query("DROP INDEX \"public\".\"challenge_matches_rank_idx\"");
    await queryRunner.query("DROP TABLE \"challenge_matches\"");
  }
}
