import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChallengeListing1795496244598 implements MigrationInterface {
  name = 'ChallengeListing1795496244598';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"challenges_listing_idx\" ON \"challenges\"  (\"created_at\", \"id\") WHERE status <> 'draft'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"challenges_listing_idx\"");
  }
}
