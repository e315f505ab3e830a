import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { EntityRows } from './entity-rows';

/** An entity to insert with the class TypeORM maps it by. */
export type InsertEntry = [EntityTarget<ObjectLiteral>, ObjectLiteral];

/**
 * The one transaction helper. `run(fn)` opens a transaction (or joins the current one) and every repository
 * reading `manager` inside `fn` uses it, so a use case spans several repositories without passing managers.
 */
@Injectable()
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<EntityManager>();
  private readonly entityRows = new Map<EntityTarget<ObjectLiteral>, EntityRows<ObjectLiteral>>();

  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    return this.dataSource.transaction((manager) => this.storage.run(manager, work));
  }

  /** The select list and row mapping of an entity, for the hand-written SQL of hot paths (made once per entity). */
  rows<T extends ObjectLiteral>(target: EntityTarget<T>): EntityRows<T> {
    let rows = this.entityRows.get(target);
    if (!rows) {
      rows = new EntityRows(this.dataSource, this.dataSource.getMetadata(target));
      this.entityRows.set(target, rows);
    }
    return rows as unknown as EntityRows<T>;
  }

  /**
   * Inserts entities, of one table or several, in one statement (one round trip), and returns the database's clock
   * once every row is written, for a caller that checks a deadline last. Each row is a data-modifying CTE; the
   * outer SELECT reads all of them before it reads `clock_timestamp()` (an unread CTE would run only after the
   * outer statement, so a clock read there could precede a row still waiting on a lock). Constraint errors name
   * their constraint as with separate inserts; generated values are not read back.
   */
  async insert(...entries: InsertEntry[]): Promise<Date> {
    if (entries.length === 0) throw new Error('TransactionHost.insert needs at least one row');
    const params: unknown[] = [];
    const ctes = entries.map(([target, entity], i) => `w${i} AS (${this.rows(target).insertInto(entity, params)} RETURNING 1)`);
    const counts = entries.map((_, i) => `(SELECT count(*) AS n FROM w${i}) n${i}`);
    const rows: Array<{ written_at: Date }> = await this.manager.query(
      `WITH ${ctes.join(', ')} SELECT clock_timestamp() AS written_at FROM ${counts.join(' CROSS JOIN ')}`,
      params,
    );
    return new Date(rows[0].written_at);
  }

  /** Inserts an entity or replaces the row with the same `conflict` key, in one hand-written statement. */
  async upsert<T extends ObjectLiteral>(target: EntityTarget<T>, entity: T, conflict: Array<keyof T & string>): Promise<void> {
    const params: unknown[] = [];
    await this.manager.query(this.rows(target).upsertInto(entity, params, conflict), params);
  }

  /** The database's clock: the only authority on deadlines. Inside a transaction, `clock_timestamp()` is live. */
  async databaseNow(): Promise<Date> {
    const rows: Array<{ now: Date }> = await this.manager.query('SELECT clock_timestamp() AS now');
    return new Date(rows[0].now);
  }
}
