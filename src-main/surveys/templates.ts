import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { AppError, type Staff } from '../../src-shared/contract';
import type { questionSchema, SurveyTemplate, SurveyVersion } from '../../src-shared/contract/surveys';
import {
  checkDefinition,
  checkedQuestions,
  filledLabels,
  SURVEY_OCCASIONS,
  type Labels,
  type SurveyOccasion,
  type TemplateQuestion,
} from '../../src-shared/domain/surveys';
import type { AppCore } from '../app';
import type { Database } from '../store/schema';
import { nextHlc } from '../sync/device-clock';
import { newRowColumns, recordChange } from '../sync/outbox';
import { deviceIdentity } from '../sync/state';
import { storedQuestions } from './scoring';

type Db = Kysely<Database> | Transaction<Database>;
type QuestionInput = z.output<typeof questionSchema>;

export function templateNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', 'errors.surveys.template_not_found', 'no such survey template', { params: { id } });
}

/**
 * Each version's number within its template: 1, 2, 3 … in HLC order, so two managers publishing offline see the same
 * numbers on every device once synced. The one place versions are numbered.
 */
export async function versionNumbers(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('survey_versions')
    .select(['id', 'template_id'])
    .orderBy('template_id')
    .orderBy('updated_hlc')
    .orderBy('id')
    .execute();
  const out = new Map<string, number>();
  let template = '';
  let n = 0;
  for (const r of rows) {
    n = r.template_id === template ? n + 1 : 1;
    template = r.template_id;
    out.set(r.id, n);
  }
  return out;
}

/** Every version of the given templates, oldest first, with its number (versionNumbers) and its answer count. */
async function versionsOf(db: Db, templateIds: readonly string[]): Promise<Map<string, SurveyVersion[]>> {
  const out = new Map<string, SurveyVersion[]>();
  if (templateIds.length === 0) return out;
  const rows = await db
    .selectFrom('survey_versions as v')
    .select((eb) => [
      'v.id',
      'v.template_id',
      'v.title',
      'v.questions',
      'v.note',
      'v.staff_name',
      'v.at',
      eb.selectFrom('survey_responses as r').select(eb.fn.countAll<number>().as('n')).whereRef('r.version_id', '=', 'v.id').as('responses'),
    ])
    .where('v.template_id', 'in', templateIds)
    .orderBy('v.updated_hlc')
    .orderBy('v.id')
    .execute();
  const numbers = await versionNumbers(db);
  for (const r of rows) {
    const list = out.get(r.template_id) ?? [];
    list.push({
      id: r.id,
      number: numbers.get(r.id) ?? list.length + 1,
      title: JSON.parse(r.title) as Labels,
      questions: storedQuestions(r.questions),
      note: r.note,
      staffName: r.staff_name,
      at: r.at,
      responses: Number(r.responses ?? 0),
    });
    out.set(r.template_id, list);
  }
  return out;
}

function summary(t: { id: string; code: string; occasion: string; retired: number }, versions: SurveyVersion[]): SurveyTemplate {
  const current = versions.at(-1);
  if (!current) throw new AppError('INTERNAL', 'errors.internal', `survey template ${t.id} has no version`);
  return { id: t.id, code: t.code, occasion: t.occasion as SurveyOccasion, retired: t.retired === 1, current, versions: versions.length };
}

export async function listTemplates(db: Db): Promise<SurveyTemplate[]> {
  const templates = await db
    .selectFrom('survey_templates')
    .select(['id', 'code', 'occasion', 'retired'])
    .where('deleted_hlc', 'is', null)
    .orderBy('created_at')
    .orderBy('code')
    .execute();
  const versions = await versionsOf(
    db,
    templates.map((t) => t.id),
  );
  // A template whose first version has not arrived yet (sync mid-way) is not offered. Those on offer first, in the
  // order of the occasions (DOMAIN.md §7), each occasion's oldest first.
  const rank = (t: { occasion: string }) => (SURVEY_OCCASIONS as readonly string[]).indexOf(t.occasion);
  return templates
    .filter((t) => versions.has(t.id))
    .sort((a, b) => a.retired - b.retired || rank(a) - rank(b))
    .map((t) => summary(t, versions.get(t.id) ?? []));
}

export async function getTemplate(db: Db, id: string): Promise<{ template: SurveyTemplate; versions: SurveyVersion[] }> {
  const t = await db
    .selectFrom('survey_templates')
    .select(['id', 'code', 'occasion', 'retired'])
    .where('id', '=', id)
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  const versions = (await versionsOf(db, [id])).get(id);
  if (!t || !versions) throw templateNotFound(id);
  return { template: summary(t, versions), versions };
}

/**
 * Publishes a version: checked as a whole first (ids, choices, the one CSAT question), each problem named by its
 * question. A new template gets its code from its occasion. Returns the template's id.
 */
export async function publishVersion(
  trx: Transaction<Database>,
  app: AppCore,
  staff: Staff,
  input: { templateId: string | null; occasion: SurveyOccasion; title: Labels; questions: QuestionInput[]; note: string | null },
): Promise<string> {
  const questions: TemplateQuestion[] = input.questions.map((q) => ({
    id: q.id,
    type: q.type,
    required: q.required,
    ...(q.csat ? { csat: true } : {}),
    text: filledLabels(q.text),
    ...(q.type === 'single' || q.type === 'multiple' || (q.choices?.length ?? 0) > 0
      ? { choices: (q.choices ?? []).map((c) => ({ code: c.code, label: filledLabels(c.label) })) }
      : {}),
  }));
  const problems = checkDefinition(checkedQuestions(questions));
  if (problems.length > 0) {
    throw new AppError('VALIDATION', `validation.surveys.${problems[0]?.issue ?? 'no_questions'}`, 'the template cannot be published', {
      issues: problems.map((p) => ({
        path: p.questionId === null ? 'questions' : `questions.${p.questionId}`,
        key: `validation.surveys.${p.issue}`,
        message: p.questionId ?? '',
      })),
    });
  }

  let templateId = input.templateId;
  if (templateId === null) {
    const base = await newRowColumns(trx, app.clock);
    templateId = base.id;
    await trx
      .insertInto('survey_templates')
      .values({
        ...base,
        code: `${input.occasion}_${base.id.slice(-6)}`,
        occasion: input.occasion,
        retired: 0,
        created_by: staff.id,
        demo: 0,
      })
      .execute();
    await recordChange(trx, app.clock, { table: 'survey_templates', rowId: base.id, hlc: base.updated_hlc, change: { op: 'insert' } });
  } else {
    const t = await trx.selectFrom('survey_templates').select(['occasion']).where('id', '=', templateId).executeTakeFirst();
    if (!t) throw templateNotFound(templateId);
  }
  const base = await newRowColumns(trx, app.clock);
  await trx
    .insertInto('survey_versions')
    .values({
      ...base,
      template_id: templateId,
      title: JSON.stringify(filledLabels(input.title)),
      questions: JSON.stringify(questions),
      note: input.note,
      staff_id: staff.id,
      staff_name: staff.displayName,
      at: base.created_at,
    })
    .execute();
  await recordChange(trx, app.clock, { table: 'survey_versions', rowId: base.id, hlc: base.updated_hlc, change: { op: 'insert' } });
  return templateId;
}

/** Retires a template (or offers it again). The row merges by HLC: a later change at another desk wins. */
export async function retireTemplate(trx: Transaction<Database>, app: AppCore, id: string, retired: boolean): Promise<void> {
  const t = await trx.selectFrom('survey_templates').select(['retired']).where('id', '=', id).executeTakeFirst();
  if (!t) throw templateNotFound(id);
  if ((t.retired === 1) === retired) return;
  const hlc = await nextHlc(trx, app.clock);
  // A shipped template's row is head office's ('hq'); changed here, it travels as this branch's like any other.
  const { branchId } = await deviceIdentity(trx, app.clock);
  await trx
    .updateTable('survey_templates')
    .set({ retired: retired ? 1 : 0, updated_hlc: hlc, branch_id: branchId })
    .where('id', '=', id)
    .execute();
  await recordChange(trx, app.clock, { table: 'survey_templates', rowId: id, hlc, change: { op: 'update', fields: ['retired'] } });
}
