import { sql } from 'drizzle-orm';
import { countOf, jsonRows, uuids, type PersonalDataPart } from '../../platform/privacy/registry.js';

/**
 * The documents module's part of the personal-data map (issue 6): uploaded documents (metadata in
 * the export; the stored, encrypted files are removed on erasure), letters and their versions.
 */
export const documentsPersonalData: PersonalDataPart = {
  module: 'documents',
  async exportFor(tx, orgId, scope) {
    const of = sql`org_id = ${orgId} and trajectory_id = any(${uuids(scope.trajectoryIds)})`;
    return {
      documents: await jsonRows(
        tx,
        sql`select jsonb_build_object('id', d.id, 'kind', d.kind, 'title', d.title, 'fileName', d.file_name, 'mimeType', d.mime_type, 'sizeBytes', d.size_bytes,
                                      'receivedOn', d.received_on, 'sharedWithParentAt', d.shared_with_parent_at, 'createdAt', d.created_at) as r
              from documents d where ${of} and d.deleted_at is null order by d.created_at, d.id`,
      ),
      letters: await jsonRows(tx, sql`select to_jsonb(l) - 'org_id' - 'created_by' as r from letters l where ${of} order by l.created_at, l.id`),
      letterVersions: await jsonRows(
        tx,
        sql`select to_jsonb(v) - 'org_id' - 'author_user_id' as r from letter_versions v join letters l on l.org_id = v.org_id and l.id = v.letter_id
             where l.org_id = ${orgId} and l.trajectory_id = any(${uuids(scope.trajectoryIds)}) order by v.letter_id, v.version`,
      ),
    };
  },
  async eraseFor(tx, orgId, scope) {
    const ids = uuids(scope.trajectoryIds);
    const of = sql`org_id = ${orgId} and trajectory_id = any(${ids})`;
    return {
      document_contents: await countOf(
        tx,
        sql`delete from document_contents c using documents d where d.org_id = c.org_id and d.id = c.document_id and d.org_id = ${orgId} and d.trajectory_id = any(${ids}) returning 1`,
      ),
      documents: await countOf(tx, sql`delete from documents where ${of} returning 1`),
      letter_versions: await countOf(
        tx,
        sql`delete from letter_versions v using letters l where l.org_id = v.org_id and l.id = v.letter_id and l.org_id = ${orgId} and l.trajectory_id = any(${ids}) returning 1`,
      ),
      letters: await countOf(tx, sql`delete from letters where ${of} returning 1`),
    };
  },
};
