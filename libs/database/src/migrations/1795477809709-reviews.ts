import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reviews1795477809709 implements MigrationInterface {
  name = 'Reviews1795477809709';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"objections\" (\"id\" uuid NOT NULL, \"challenge_id\" uuid NOT NULL, \"bid_id\" uuid, \"objector_id\" uuid NOT NULL, \"status\" text NOT NULL, \"reason\" text NOT NULL, \"evidence\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"resolution_note\" text, \"resolved_by\" uuid, \"resolved_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_6bb81f77d9eabef4f46e9c0934f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"objections_created_idx\" ON \"objections\"  (\"created_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"objections_objector_idx\" ON \"objections\"  (\"objector_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"objections_challenge_idx\" ON \"objections\"  (\"challenge_id\", \"status\") ");
    await queryRunner.query("CREATE TABLE \"bid_rankings\" (\"bid_id\" uuid NOT NULL, \"challenge_id\" uuid NOT NULL, \"rank\" integer NOT NULL, \"of\" integer NOT NULL, \"score\" double precision NOT NULL, \"interval_low\" double precision NOT NULL, \"interval_high\" double precision NOT NULL, \"review_count\" integer NOT NULL, \"flags\" text array NOT NULL, \"shortlisted\" boolean NOT NULL, \"criteria\" jsonb NOT NULL, \"method\" text NOT NULL, \"computed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_55070a7672f451e3bb4f1fc0143\" PRIMARY KEY (\"bid_id\"))");
    await queryRunner.query("CREATE INDEX \"bid_rankings_challenge_idx\" ON \"bid_rankings\"  (\"challenge_id\", \"rank\") ");
    await queryRunner.query("CREATE TABLE \"review_assignments\" (\"id\" uuid NOT NULL, \"challenge_id\" uuid NOT NULL, \"bid_id\" uuid NOT NULL, \"reviewer_id\" uuid NOT NULL, \"status\" text NOT NULL, \"affinity\" integer NOT NULL, \"assigned_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"declined_at\" TIMESTAMP WITH TIME ZONE, \"decline_reason\" text, \"decline_detail\" text, \"submitted_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_57627790f79af37bc6a5e982176\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"review_assignments_challenge_idx\" ON \"review_assignments\"  (\"challenge_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"review_assignments_reviewer_idx\" ON \"review_assignments\"  (\"reviewer_id\", \"status\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"review_assignments_bid_reviewer_key\" ON \"review_assignments\"  (\"bid_id\", \"reviewer_id\") ");
    await queryRunner.query("CREATE TABLE \"reviews\" (\"assignment_id\" uuid NOT NULL, \"challenge_id\" uuid NOT NULL, \"bid_id\" uuid NOT NULL, \"reviewer_id\" uuid NOT NULL, \"status\" text NOT NULL, \"scores\" jsonb NOT NULL, \"comment\" text NOT NULL, \"private_note\" text, \"total\" double precision, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"submitted_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_d27a79b26ffcfbf4fc314bf7675\" PRIMARY KEY (\"assignment_id\"))");
    await queryRunner.query("CREATE INDEX \"reviews_reviewer_idx\" ON \"reviews\"  (\"reviewer_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"reviews_challenge_idx\" ON \"reviews\"  (\"challenge_id\", \"status\") ");
    await queryRunner.query("ALTER TABLE \"challenges\" ADD \"publicity_ends_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"challenges\" ADD \"awarded_at\" TIMESTAMP WITH TIME ZONE");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"challenges\" DROP COLUMN \"awarded_at\"");
    await queryRunner.query("ALTER TABLE \"challenges\" DROP COLUMN \"publicity_ends_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"reviews_challenge_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"reviews_reviewer_idx\"");
    await queryRunner.query("DROP TABLE \"reviews\"");
    await queryRunner.query("DROP INDEX \"public\".\"review_assignments_bid_reviewer_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"review_assignments_reviewer_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"review_assignments_challenge_idx\"");
    await queryRunner.query("DROP TABLE \"review_assignments\"");
    await queryRunner.query("DROP INDEX \"public\".\"bid_rankings_challenge_idx\"");
    await queryRunner.query("DROP TABLE \"bid_rankings\"");
    await queryRunner.query("DROP INDEX \"public\".\"objections_challenge_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"objections_objector_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"objections_created_idx\"");
    await queryRunner.query("DROP TABLE \"objections\"");
  }
}
