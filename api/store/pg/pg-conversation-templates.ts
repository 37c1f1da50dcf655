import type pg from "pg";
import type {
  ConversationStore,
  ReplyTemplate,
  ReplyTemplateInput,
} from "../conversation-types.ts";
import { storableText } from "./pg-text.ts";

interface TemplateRow {
  id: number;
  title: string;
  text: string;
  category: string | null;
  subject: string | null;
  updated_at: Date;
}

const COLUMNS = "id::integer AS id, title, text, category, subject, updated_at";

/** The reply templates (« Réponses types ») on PostgreSQL; each change is one statement. */
export function createPostgresReplyTemplates(
  pool: pg.Pool,
): Pick<
  ConversationStore,
  | "listReplyTemplates"
  | "createReplyTemplate"
  | "updateReplyTemplate"
  | "deleteReplyTemplate"
> {
  return {
    // By title whatever its case, then by code point (COLLATE "C") whatever the database's locale: SQLite's
    // NOCASE order for ASCII titles (lower() folds accented capitals too, which NOCASE leaves).
    async listReplyTemplates() {
      const { rows } = await pool.query<TemplateRow>(
        `SELECT ${COLUMNS} FROM reply_templates ORDER BY lower(title) COLLATE "C", id`,
      );
      return rows.map(toTemplate);
    },
    async createReplyTemplate(input, now) {
      const { rows } = await pool.query<TemplateRow>(
        `INSERT INTO reply_templates (title, text, category, subject, updated_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [...columns(input), now],
      );
      return toTemplate(rows[0]!);
    },
    async updateReplyTemplate(id, input, now) {
      if (!Number.isSafeInteger(id)) return undefined;
      const { rows } = await pool.query<TemplateRow>(
        `UPDATE reply_templates SET title = $1, text = $2, category = $3, subject = $4, updated_at = $5
         WHERE id = $6 RETURNING ${COLUMNS}`,
        [...columns(input), now, id],
      );
      return rows[0] && toTemplate(rows[0]);
    },
    async deleteReplyTemplate(id) {
      if (!Number.isSafeInteger(id)) return false;
      const { rowCount } = await pool.query(
        "DELETE FROM reply_templates WHERE id = $1",
        [id],
      );
      return rowCount === 1;
    },
  };
}

function columns(input: ReplyTemplateInput) {
  return [
    storableText(input.title),
    storableText(input.text),
    storableText(input.category) ?? null,
    storableText(input.subject) ?? null,
  ];
}

function toTemplate(row: TemplateRow): ReplyTemplate {
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    ...(row.category === null ? {} : { category: row.category }),
    ...(row.subject === null ? {} : { subject: row.subject }),
    updatedAt: row.updated_at.toISOString(),
  };
}
