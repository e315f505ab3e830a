import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { EntityRows } from './entity-rows';

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

  /** The database's clock: the only authority on deadlines. Inside a transaction, `clock_timestamp()` is live. */
  async databaseNow(): Promise<Date> {
    const rows: Array<{ now: Date }> = await this.manager.query('SELECT clock_timestamp() AS now');
    return new Date(rows[0].now);
  }
}
