import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import { EnterpriseImportRecord, parseEnterpriseImportLine } from './enterprise-import-line';

export interface ImportLineError {
  line: number;
  errors: string[];
}

export interface ImportSummary {
  created: number;
  updated: number;
  failed: ImportLineError[];
}

export interface ImportLine {
  line: number;
  value?: unknown;
  /** The line was not JSON. */
  error?: string;
}

const BATCH = 500;

/**
 * Imports enterprises (organization + profile, no user account) in batches of 500 per transaction. `externalId`
 * is the import key: importing it again updates that enterprise — the profile is replaced by the line, while
 * credit code, region and size a line leaves out are kept. A line that fails validation, or whose
 * credit code belongs to another organization, is reported with its line number and fails alone.
 * Every profile write takes a new `change_seq`, so the matching workers pick the changes up by themselves.
 */
@Injectable()
export class EnterpriseImporter {
  constructor(private readonly tx: TransactionHost) {}

  async importLines(lines: AsyncIterable<ImportLine>, onProgress?: (summary: ImportSummary, lines: number) => void): Promise<ImportSummary> {
    const summary: ImportSummary = { created: 0, updated: 0, failed: [] };
    let batch: Array<{ line: number; record: EnterpriseImportRecord }> = [];
    let seen = 0;
    const keys = new Set<string>();
    const flush = async () => {
      if (batch.length === 0) return;
      await this.importBatch(batch, summary);
      batch = [];
      keys.clear();
      onProgress?.(summary, seen);
    };
    for await (const item of lines) {
      seen += 1;
      if (item.error !== undefined) {
        summary.failed.push({ line: item.line, errors: [item.error] });
        continue;
      }
      const parsed = parseEnterpriseImportLine(item.value);
      if ('errors' in parsed) {
        summary.failed.push({ line: item.line, errors: parsed.errors });
        continue;
      }
      if (keys.has(parsed.record.externalId)) await flush(); // the same enterprise twice: apply in order
      batch.push({ line: item.line, record: parsed.record });
      keys.add(parsed.record.externalId);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    summary.failed.sort((a, b) => a.line - b.line);
    return summary;
  }

  private async importBatch(batch: Array<{ line: number; record: EnterpriseImportRecord }>, summary: ImportSummary): Promise<void> {
    await this.tx.run(async () => {
      const m = this.tx.manager;
      const existing: Array<{ id: string; external_id: string }> = await m.query(
        'SELECT id, external_id FROM organizations WHERE external_id = ANY($1) FOR UPDATE',
        [batch.map((b) => b.record.externalId)],
      );
      const idByKey = new Map(existing.map((r) => [r.external_id, r.id]));
      const codes = batch.map((b) => b.record.creditCode).filter((c): c is string => c !== null);
      const owners: Array<{ credit_code: string; external_id: string | null }> = codes.length
        ? await m.query('SELECT credit_code, external_id FROM organizations WHERE credit_code = ANY($1)', [codes])
        : [];
      const ownerOf = new Map(owners.map((o) => [o.credit_code, o.external_id]));
      const claimed = new Map<string, string>();
      const accepted: Array<{ id: string; created: boolean; record: EnterpriseImportRecord }> = [];
      for (const { line, record } of batch) {
        const code = record.creditCode;
        if (code !== null) {
          const owner = ownerOf.has(code) ? ownerOf.get(code) : claimed.get(code);
          if (owner !== undefined && owner !== record.externalId) {
            summary.failed.push({ line, errors: ['creditCode: belongs to another organization'] });
            continue;
          }
          claimed.set(code, record.externalId);
        }
        const id = idByKey.get(record.externalId);
        accepted.push({ id: id ?? randomUUID(), created: id === undefined, record });
      }
      if (accepted.length === 0) return;
      await m.query(
        `INSERT INTO organizations (id, name, credit_code, region, size, kind, external_id, created_at, updated_at)
         SELECT u.id, u.name, u.credit_code, u.region, u.size, 'sme', u.external_id, now(), now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                AS u(id, name, credit_code, region, size, external_id)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,
           credit_code = COALESCE(EXCLUDED.credit_code, organizations.credit_code),
           region = COALESCE(EXCLUDED.region, organizations.region),
           size = COALESCE(EXCLUDED.size, organizations.size), updated_at = now()`,
        [
          accepted.map((a) => a.id),
          accepted.map((a) => a.record.name),
          accepted.map((a) => a.record.creditCode),
          accepted.map((a) => a.record.region),
          accepted.map((a) => a.record.size),
          accepted.map((a) => a.record.externalId),
        ],
      );
      const p = accepted.map((a) => a.record.profile);
      await m.query(
        `INSERT INTO enterprise_profiles
           (organization_id, description, capabilities, industries, certifications, employee_count, patents, past_projects, updated_at)
         SELECT u.id, u.description, ARRAY(SELECT jsonb_array_elements_text(u.capabilities)),
                ARRAY(SELECT jsonb_array_elements_text(u.industries)), ARRAY(SELECT jsonb_array_elements_text(u.certifications)),
                u.employee_count, u.patents, u.past_projects, now()
           FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[], $5::jsonb[], $6::int[], $7::jsonb[], $8::jsonb[])
                AS u(id, description, capabilities, industries, certifications, employee_count, patents, past_projects)
         ON CONFLICT (organization_id) DO UPDATE SET
           description = EXCLUDED.description, capabilities = EXCLUDED.capabilities, industries = EXCLUDED.industries,
           certifications = EXCLUDED.certifications, employee_count = EXCLUDED.employee_count, patents = EXCLUDED.patents,
           past_projects = EXCLUDED.past_projects, updated_at = EXCLUDED.updated_at,
           change_seq = nextval('enterprise_profile_change_seq')`,
        [
          accepted.map((a) => a.id),
          p.map((x) => x.description),
          p.map((x) => JSON.stringify([...new Set(x.capabilities)])),
          p.map((x) => JSON.stringify([...new Set(x.industries)])),
          p.map((x) => JSON.stringify([...new Set(x.certifications)])),
          p.map((x) => x.employeeCount),
          p.map((x) => JSON.stringify(x.patents)),
          p.map((x) => JSON.stringify(x.pastProjects)),
        ],
      );
      for (const a of accepted) {
        if (a.created) summary.created += 1;
        else summary.updated += 1;
      }
    });
  }
}
