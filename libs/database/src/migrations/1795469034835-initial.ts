import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795469034835 implements MigrationInterface {
  name = 'Initial1795469034835';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every profile write takes a new value: matching workers follow profile changes by it.
    await queryRunner.query("CREATE SEQUENCE IF NOT EXISTS \"enterprise_profile_change_seq\"");
    await queryRunner.query("CREATE TABLE \"organizations\" (\"id\" uuid NOT NULL, \"name\" text NOT NULL, \"credit_code\" text, \"region\" text, \"size\" text, \"kind\" text NOT NULL, \"external_id\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_6b031fcd0863e3f6b44230163f9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"organizations_credit_code_key\" ON \"organizations\"  (\"credit_code\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"organizations_external_id_key\" ON \"organizations\"  (\"external_id\") ");
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" uuid NOT NULL, \"email\" text NOT NULL, \"password_hash\" text NOT NULL, \"name\" text NOT NULL, \"role\" text NOT NULL, \"organization_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_a3ffb1c0c8416b9fc6f907b7433\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"users_email_key\" ON \"users\"  (\"email\") ");
    await queryRunner.query("CREATE INDEX \"users_organization_idx\" ON \"users\"  (\"organization_id\") ");
    await queryRunner.query("CREATE TABLE \"reviewer_profiles\" (\"user_id\" uuid NOT NULL, \"expertise\" text array NOT NULL, \"affiliations\" text array NOT NULL, \"status\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_d5d2c0054dff06c16b208188c56\" PRIMARY KEY (\"user_id\"))");
    await queryRunner.query("CREATE TABLE \"challenges\" (\"id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, \"organization_name\" text NOT NULL, \"created_by\" uuid NOT NULL, \"status\" text NOT NULL, \"version\" integer NOT NULL, \"title\" text NOT NULL, \"description\" text NOT NULL, \"industry\" text, \"tags\" text array NOT NULL, \"kpis\" jsonb NOT NULL, \"reward_yuan\" bigint NOT NULL, \"eligibility\" jsonb NOT NULL, \"bid_deadline\" TIMESTAMP WITH TIME ZONE NOT NULL, \"max_winners\" integer NOT NULL, \"shortlist_size\" integer NOT NULL, \"passing_score\" integer NOT NULL, \"scorecard\" jsonb NOT NULL, \"reviewers_per_bid\" integer NOT NULL, \"blind_review\" boolean NOT NULL, \"published_at\" TIMESTAMP WITH TIME ZONE, \"closed_at\" TIMESTAMP WITH TIME ZONE, \"cancelled_at\" TIMESTAMP WITH TIME ZONE, \"cancel_reason\" text, \"search_vector\" tsvector, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_1e664e93171e20fe4d6125466af\" PRIMARY KEY (\"id\"))");
    // Full-text search over the tokenizer's output (Postgres has no Chinese parser): tsvector('simple') + GIN.
    await queryRunner.query("CREATE INDEX \"challenges_search_idx\" ON \"challenges\" USING GIN (\"search_vector\")");
    await queryRunner.query("CREATE INDEX \"challenges_open_deadline_idx\" ON \"challenges\"  (\"bid_deadline\") WHERE status = 'published'");
    await queryRunner.query("CREATE INDEX \"challenges_organization_idx\" ON \"challenges\"  (\"organization_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"challenges_public_listing_idx\" ON \"challenges\"  (\"status\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"challenge_addenda\" (\"id\" uuid NOT NULL, \"challenge_id\" uuid NOT NULL, \"text\" text NOT NULL, \"bid_deadline\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_d3d70205dddd05b1f652b3be30d\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"challenge_addenda_challenge_idx\" ON \"challenge_addenda\"  (\"challenge_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"questions\" (\"id\" uuid NOT NULL, \"challenge_id\" uuid NOT NULL, \"asked_by\" uuid NOT NULL, \"asker_organization_id\" uuid, \"text\" text NOT NULL, \"answer\" text, \"answered_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_08a6d4b0f49ff300bf3a0ca60ac\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"questions_challenge_idx\" ON \"questions\"  (\"challenge_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"bids\" (\"id\" uuid NOT NULL, \"challenge_id\" uuid NOT NULL, \"organization_id\" uuid NOT NULL, \"submitted_by\" uuid NOT NULL, \"status\" text NOT NULL, \"version\" integer NOT NULL, \"revision\" integer NOT NULL, \"summary\" text NOT NULL, \"technical_approach\" text NOT NULL, \"price_yuan\" bigint NOT NULL, \"duration_days\" integer NOT NULL, \"kpi_responses\" jsonb NOT NULL, \"milestones\" jsonb NOT NULL, \"team\" jsonb NOT NULL, \"content_hash\" text NOT NULL, \"submitted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"withdrawn_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_7950d066d322aab3a488ac39fe5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"bids_organization_idx\" ON \"bids\"  (\"organization_id\", \"submitted_at\") ");
    await queryRunner.query("CREATE INDEX \"bids_challenge_idx\" ON \"bids\"  (\"challenge_id\", \"submitted_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"bids_one_live_per_organization_key\" ON \"bids\"  (\"challenge_id\", \"organization_id\") WHERE status <> 'withdrawn'");
    await queryRunner.query("CREATE TABLE \"bid_revisions\" (\"bid_id\" uuid NOT NULL, \"revision\" integer NOT NULL, \"content\" jsonb NOT NULL, \"content_hash\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_e664a99164d133c26d10aba3146\" PRIMARY KEY (\"bid_id\", \"revision\"))");
    await queryRunner.query("CREATE TABLE \"bid_reads\" (\"id\" uuid NOT NULL, \"bid_id\" uuid NOT NULL, \"reader_id\" uuid NOT NULL, \"reader_role\" text NOT NULL, \"purpose\" text NOT NULL, \"read_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_15d3ed89d3587de6f0ddafd3d0d\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"bid_reads_bid_idx\" ON \"bid_reads\"  (\"bid_id\", \"read_at\") ");
    await queryRunner.query("CREATE TABLE \"enterprise_profiles\" (\"organization_id\" uuid NOT NULL, \"description\" text NOT NULL, \"capabilities\" text array NOT NULL, \"industries\" text array NOT NULL, \"certifications\" text array NOT NULL, \"employee_count\" integer, \"patents\" jsonb NOT NULL, \"past_projects\" jsonb NOT NULL, \"change_seq\" bigint NOT NULL DEFAULT nextval('enterprise_profile_change_seq'), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_8073604a54f7885914e4d9161f4\" PRIMARY KEY (\"organization_id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"enterprise_profiles_change_seq_key\" ON \"enterprise_profiles\"  (\"change_seq\") ");
    await queryRunner.query("CREATE TABLE \"audit_events\" (\"challenge_id\" uuid NOT NULL, \"seq\" integer NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"actor_id\" uuid, \"action\" text NOT NULL, \"data\" jsonb NOT NULL, \"content_hash\" text, \"prev_hash\" text NOT NULL, \"hash\" text NOT NULL, CONSTRAINT \"PK_08e456e05ce877aa73ee517d65e\" PRIMARY KEY (\"challenge_id\", \"seq\"))");
    await queryRunner.query("CREATE TABLE \"notifications\" (\"id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"type\" text NOT NULL, \"challenge_id\" uuid, \"bid_id\" uuid, \"message\" text NOT NULL, \"dedupe_key\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"read_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_6a72c3c0f683f6462415e653c3a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"notifications_user_created_idx\" ON \"notifications\"  (\"user_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"notifications_user_dedupe_key\" ON \"notifications\"  (\"user_id\", \"dedupe_key\") ");
    await queryRunner.query("CREATE TABLE \"idempotency_keys\" (\"user_id\" uuid NOT NULL, \"scope\" text NOT NULL, \"key\" text NOT NULL, \"request_hash\" text NOT NULL, \"status\" text NOT NULL, \"response_status\" integer, \"response_body\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"locked_until\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_0e5a877e0cd296419232cea4e2e\" PRIMARY KEY (\"user_id\", \"scope\", \"key\"))");
    await queryRunner.query("CREATE INDEX \"idempotency_keys_created_idx\" ON \"idempotency_keys\"  (\"created_at\") ");
    await queryRunner.query("CREATE TABLE \"outbox_messages\" (\"id\" BIGSERIAL NOT NULL, \"queue\" text NOT NULL, \"job_name\" text NOT NULL, \"payload\" jsonb NOT NULL, \"job_key\" text NOT NULL, \"run_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"sent_at\" TIMESTAMP WITH TIME ZONE, \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, CONSTRAINT \"PK_0171348f527c64b137e4d4f5b66\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"outbox_messages_pending_idx\" ON \"outbox_messages\"  (\"id\") WHERE sent_at IS NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"outbox_messages_pending_idx\"");
    await queryRunner.query("DROP TABLE \"outbox_messages\"");
    await queryRunner.query("DROP INDEX \"public\".\"idempotency_keys_created_idx\"");
    await queryRunner.query("DROP TABLE \"idempotency_keys\"");
    await queryRunner.query("DROP INDEX \"public\".\"notifications_user_dedupe_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"notifications_user_created_idx\"");
    await queryRunner.query("DROP TABLE \"notifications\"");
    await queryRunner.query("DROP TABLE \"audit_events\"");
    await queryRunner.query("DROP INDEX \"public\".\"enterprise_profiles_change_seq_key\"");
    await queryRunner.query("DROP TABLE \"enterprise_profiles\"");
    await queryRunner.query("DROP INDEX \"public\".\"bid_reads_bid_idx\"");
    await queryRunner.query("DROP TABLE \"bid_reads\"");
    await queryRunner.query("DROP TABLE \"bid_revisions\"");
    await queryRunner.query("DROP INDEX \"public\".\"bids_one_live_per_organization_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"bids_challenge_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"bids_organization_idx\"");
    await queryRunner.query("DROP TABLE \"bids\"");
    await queryRunner.query("DROP INDEX \"public\".\"questions_challenge_idx\"");
    await queryRunner.query("DROP TABLE \"questions\"");
    await queryRunner.query("DROP INDEX \"public\".\"challenge_addenda_challenge_idx\"");
    await queryRunner.query("DROP TABLE \"challenge_addenda\"");
    await queryRunner.query("DROP INDEX \"public\".\"challenges_public_listing_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"challenges_organization_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"challenges_open_deadline_idx\"");
    await queryRunner.query("DROP TABLE \"challenges\"");
    await queryRunner.query("DROP TABLE \"reviewer_profiles\"");
    await queryRunner.query("DROP INDEX \"public\".\"users_organization_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"users_email_key\"");
    await queryRunner.query("DROP TABLE \"users\"");
    await queryRunner.query("DROP INDEX \"public\".\"organizations_external_id_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"organizations_credit_code_key\"");
    await queryRunner.query("DROP TABLE \"organizations\"");
    await queryRunner.query("DROP SEQUENCE IF EXISTS \"enterprise_profile_change_seq\"");
  }
}
