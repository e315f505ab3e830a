import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DatabaseError, type Pool as PgPool } from 'pg';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { EntityRows } from './entity-rows';

/** An entity to insert with the class TypeORM maps it by. */
export type InsertEntry = [EntityTarget<ObjectLiteral>, ObjectLiteral];

/**
 * Distinct statements `prepared()` names per TransactionHost (one per app; each connection keeps the ones it used),
 * first come: only static hot SQL should go through `prepared()`, texts that vary per call use the slots up.
 */
const MAX_PREPARED = 64;

/** A named statement as pg's query config; reads as its SQL where TypeORM logs or reports it. */
class NamedStatement {
  constructor(
    /** Undefined: an unnamed statement (pg parses it on every call). */
    readonly name: string | undefined,
    readonly text: string,
  ) {}

  toString(): string {
    return this.text;
  }
}

/**
 * The one transaction helper. `run(fn)` opens a transaction (or joins the current one) and every repository
 * reading `manager` inside `fn` uses it, so a use case spans several repositories without passing managers.
 */
@Injectable()
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<EntityManager>();
  private readonly statements = new Map<string, NamedStatement>();
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
    const rows = await this.prepared<{ written_at: Date }>(
      `WITH ${ctes.join(', ')} SELECT clock_timestamp() AS written_at FROM ${counts.join(' CROSS JOIN ')}`,
      params,
    );
    return new Date(rows[0].written_at);
  }

  /** Inserts an entity or replaces the row with the same `conflict` key, in one hand-written statement. */
  async upsert<T extends ObjectLiteral>(target: EntityTarget<T>, entity: T, conflict: Array<keyof T & string>): Promise<void> {
    const params: unknown[] = [];
    await this.prepared(this.rows(target).upsertInto(entity, params, conflict), params);
  }

  /** `upsert` of many entities of one table in one statement (`EntityRows.upsertManyInto`); none: nothing to do. */
  async upsertMany<T extends ObjectLiteral>(target: EntityTarget<T>, entities: T[], conflict: Array<keyof T & string>): Promise<void> {
    if (entities.length === 0) return;
    const params: unknown[] = [];
    await this.prepared(this.rows(target).upsertManyInto(entities, params, conflict), params);
  }

  /**
   * `manager.query` as a named prepared statement: each connection parses and plans the statement once, later calls
   * send only its parameters. For the static SQL of the hottest paths (bench/README.md, write path); a statement's
   * text names it (at most MAX_PREPARED distinct texts; past that, statements run unnamed). Outside a transaction
   * it goes to TypeORM's pool directly (`pool.query`: no query runner made and released per statement, bench/README.md,
   * HTTP overhead); errors are TypeORM's `QueryFailedError` either way.
   */
  async prepared<R = Record<string, unknown>>(sql: string, params: unknown[]): Promise<R[]> {
    const statement = this.namedStatement(sql);
    const transaction = this.storage.getStore();
    try {
      if (!transaction) {
        const result = await this.pool().query({ name: statement.name, text: sql, values: params });
        return result.rows as R[];
      }
      // pg takes a query config ({ name, text }) where TypeORM passes the SQL string through to it.
      return (await transaction.query(statement as unknown as string, params)) as R[];
    } catch (error) {
      // Reported with the SQL, as manager.query reports its errors.
      if (error instanceof QueryFailedError) throw new QueryFailedError(sql, params, error.driverError);
      if (error instanceof DatabaseError) throw new QueryFailedError(sql, params, error);
      throw error;
    }
  }

  /** The pg Pool under TypeORM's Postgres driver (its `master`). */
  private pool(): PgPool {
    return (this.dataSource.driver as PostgresDriver).master as PgPool;
  }

  private namedStatement(sql: string): NamedStatement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_PREPARED) return new NamedStatement(undefined, sql);
      // Named by content: every TransactionHost over the same pool gives a text the same name.
      statement = new NamedStatement(`jiebang_${createHash('sha1').update(sql).digest('hex')}`, sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** The database's clock: the only authority on deadlines. Inside a transaction, `clock_timestamp()` is live. */
  async databaseNow(): Promise<Date> {
    const rows: Array<{ now: Date }> = await this.manager.query('SELECT clock_timestamp() AS now');
    return new Date(rows[0].now);
  }
}
