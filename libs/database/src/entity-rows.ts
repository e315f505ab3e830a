import { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Fixed-length types are cast as their unbounded kin in `upsertManyInto`, and the column's own type applies on
 * assignment: `character[]` alone means character(1) and an explicit cast to character(n) cuts silently, while the
 * insert's assignment pads a short value and refuses a long one, as a single-row insert does.
 */
const UNBOUNDED_KIN: Record<string, string> = { character: 'text', char: 'text', bit: 'bit varying' };

/**
 * Hand-written SQL for the hottest paths, with TypeORM's own column mapping but without its query builder.
 *
 * The query builder writes a SELECT's SQL again on every call (alias replacement, escaping) and hydrates rows
 * through its generic transformer: about a third of challenge-service's CPU on `GET /challenges/:id`
 * (bench/README.md). `EntityRows` derives, once per entity, the select list TypeORM would use (every selectable
 * column, aliased to its property) and turns a row back into an entity with the driver's `prepareHydratedValue`
 * (types and column transformers) — the same values `getOne()` gives (checked in challenges.repository.int-spec.ts).
 * Inserts likewise: the statement `insert()` writes is the one TypeORM's would, without building it per call.
 */
export class EntityRows<T extends ObjectLiteral> {
  private readonly columns: ColumnMetadata[];
  private readonly insertable: ColumnMetadata[];
  private readonly insertHead: string;
  private readonly selects = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly metadata: EntityMetadata,
  ) {
    if (metadata.embeddeds.length > 0 || metadata.relations.length > 0) {
      throw new Error(`EntityRows maps flat entities only (${metadata.name} has embedded or relation columns)`);
    }
    this.columns = metadata.columns.filter((column) => column.isSelect && !column.isVirtual);
    this.insertable = metadata.columns.filter((column) => column.isInsert && !column.isVirtual);
    const names = this.insertable.map((c) => `"${c.databaseName}"`).join(', ');
    this.insertHead = `INSERT INTO "${metadata.tableName}" (${names}) VALUES `;
  }

  /**
   * `INSERT INTO table (…) VALUES (…)` for one entity, its values appended to `params` (numbered after what is
   * there): the driver's `preparePersistentValue` (transformers, JSON), `DEFAULT` where the entity has no value.
   */
  insertInto(entity: T, params: unknown[]): string {
    const driver = this.dataSource.driver;
    const values = this.insertable.map((column) => {
      const value: unknown = column.getEntityValue(entity);
      if (value === undefined) return 'DEFAULT';
      params.push(driver.preparePersistentValue(value, column));
      return `$${params.length}`;
    });
    return `${this.insertHead}(${values.join(', ')})`;
  }

  /** `insertInto` that replaces every other column of the row already there with the same `conflict` key. */
  upsertInto(entity: T, params: unknown[], conflict: Array<keyof T & string>): string {
    const keys = conflict.map((property) => this.column(property));
    return `${this.insertInto(entity, params)} ${this.onConflict(keys, this.insertable)}`;
  }

  /**
   * `upsertInto` for many entities in one statement whose text does not depend on how many there are (so it can be
   * a named prepared statement): each column's values as one array parameter, `INSERT … SELECT * FROM unnest(…)`.
   * Entities with the same `conflict` key are written once, the last one (Postgres refuses to update a row twice in
   * one statement), in the order of their keys (two statements upserting overlapping rows lock them in the same
   * order, so they wait for each other instead of deadlocking). A column no entity has a value for is left out: a
   * new row gets its default, a row already there keeps its value (unlike `upsertInto`, which resets it). A column
   * some entities lack is an error, as are array and enum columns (unnest cannot carry them).
   */
  upsertManyInto(entities: T[], params: unknown[], conflict: Array<keyof T & string>): string {
    if (entities.length === 0) throw new Error('upsertManyInto needs at least one entity');
    const keys = conflict.map((property) => this.column(property));
    const byKey = new Map<string, T>();
    for (const entity of entities) byKey.set(JSON.stringify(keys.map((c) => c.getEntityValue(entity))), entity);
    const rows = [...byKey]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, entity]) => entity);
    const driver = this.dataSource.driver;
    const columns = this.insertable.filter((column) => rows.some((entity) => column.getEntityValue(entity) !== undefined));
    const arrays = columns.map((column) => {
      const type = driver.normalizeType(column);
      if (column.isArray || column.enum || type === 'enum') throw new Error(`upsertManyInto: ${this.metadata.name}.${column.propertyName} is an array or enum column`);
      params.push(
        rows.map((entity) => {
          const value: unknown = column.getEntityValue(entity);
          if (value === undefined) throw new Error(`upsertManyInto: ${this.metadata.name}.${column.propertyName} is missing in some entities`);
          return driver.preparePersistentValue(value, column);
        }),
      );
      return `$${params.length}::${UNBOUNDED_KIN[type] ?? type}[]`;
    });
    const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
    return `INSERT INTO "${this.metadata.tableName}" (${names}) SELECT * FROM unnest(${arrays.join(', ')}) ${this.onConflict(keys, columns)}`;
  }

  private onConflict(keys: ColumnMetadata[], columns: ColumnMetadata[]): string {
    const updates = columns.filter((c) => !keys.includes(c)).map((c) => `"${c.databaseName}" = EXCLUDED."${c.databaseName}"`);
    const target = keys.map((k) => `"${k.databaseName}"`).join(', ');
    return `ON CONFLICT (${target}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
  }

  private column(property: string): ColumnMetadata {
    const column = this.insertable.find((c) => c.propertyName === property);
    if (!column) throw new Error(`${this.metadata.name} has no insertable column ${property}`);
    return column;
  }

  /**
   * `"a"."column" AS "property", …` for every column TypeORM selects by default; with a prefix, `AS "prefix.property"`
   * (several entities in one row).
   */
  select(alias: string, prefix = ''): string {
    const key = `${alias}\u0000${prefix}`;
    let list = this.selects.get(key);
    if (list === undefined) {
      list = this.columns.map((c) => `"${alias}"."${c.databaseName}" AS "${prefix}${c.propertyName}"`).join(', ');
      this.selects.set(key, list);
    }
    return list;
  }

  /** An entity from a row selected with `select()` (the same prefix). */
  toEntity(row: Record<string, unknown>, prefix = ''): T {
    const entity = this.metadata.create() as T;
    const driver = this.dataSource.driver;
    for (const column of this.columns) {
      column.setEntityValue(entity, driver.prepareHydratedValue(row[`${prefix}${column.propertyName}`], column));
    }
    return entity;
  }

  /** `toEntity`, or null when the row has no primary key under the prefix (an outer join that found nothing). */
  toEntityOrNull(row: Record<string, unknown>, prefix = ''): T | null {
    const primary = this.metadata.primaryColumns;
    return primary.every((c) => row[`${prefix}${c.propertyName}`] == null) ? null : this.toEntity(row, prefix);
  }

  toEntities(rows: Array<Record<string, unknown>>): T[] {
    return rows.map((row) => this.toEntity(row));
  }
}
