import { z } from 'zod';
import { ANSWER_KEY, MAX_TEXT_ANSWER, QUESTION_TYPES, SURVEY_OCCASIONS } from '../domain/surveys';
import { method } from './define';
import { optionalText, recordId } from './fields';
import { jobIdSchema } from './jobs';
import { periodSchema } from './period';

/** Who publishes and retires templates and reads the branch's figures and every answer: managers. */
export const SURVEY_MANAGER_ROLES = ['manager'] as const;

const id = recordId;
const code = z.string().trim().regex(ANSWER_KEY, { message: 'validation.surveys.code' });

/**
 * A text in the three languages. Simplified Chinese is required; a blank Traditional Chinese or English text shows
 * the Simplified one (main fills it in when the version is published).
 */
export const labelsSchema = z.object({
  'zh-CN': z.string().trim().min(1, { message: 'validation.required' }).max(300),
  'zh-TW': z.string().trim().max(300).default(''),
  en: z.string().trim().max(300).default(''),
});

export const questionSchema = z.object({
  id: code,
  type: z.enum(QUESTION_TYPES),
  required: z.boolean(),
  csat: z.boolean().optional(),
  text: labelsSchema,
  choices: z
    .array(z.object({ code, label: labelsSchema }))
    .max(20)
    .optional(),
});

const publishedLabels = z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() });
const publishedQuestion = questionSchema.extend({
  id: z.string(),
  text: publishedLabels,
  choices: z.array(z.object({ code: z.string(), label: publishedLabels })).optional(),
});

export const surveyVersionSchema = z.object({
  id: z.string(),
  /** 1, 2, 3 … in the order published (by hybrid clock, the same on every workstation). */
  number: z.number().int(),
  title: publishedLabels,
  questions: z.array(publishedQuestion),
  note: z.string().nullable(),
  staffName: z.string().nullable(),
  at: z.string(),
  responses: z.number().int(),
});
export type SurveyVersion = z.output<typeof surveyVersionSchema>;

export const surveyTemplateSchema = z.object({
  id: z.string(),
  code: z.string(),
  occasion: z.enum(SURVEY_OCCASIONS),
  retired: z.boolean(),
  /** The version offered now: the latest published. */
  current: surveyVersionSchema,
  versions: z.number().int(),
});
export type SurveyTemplate = z.output<typeof surveyTemplateSchema>;

/** An answer as typed: a number (rating, NPS), a choice code or codes, words; null or absent: not answered. */
const answerSchema = z.union([z.number(), z.string().max(MAX_TEXT_ANSWER * 4), z.array(z.string().max(40)).max(20), z.null()]);
export const answersSchema = z.record(z.string().max(40), answerSchema).refine((a) => Object.keys(a).length <= 60);

export const responseRowSchema = z.object({
  id: z.string(),
  day: z.string(),
  at: z.string(),
  templateId: z.string(),
  templateTitle: publishedLabels,
  occasion: z.enum(SURVEY_OCCASIONS),
  versionNumber: z.number().int(),
  clientId: z.string().nullable(),
  /** Masked. */
  clientName: z.string().nullable(),
  respondent: z.string().nullable(),
  staffName: z.string().nullable(),
  csat: z.number().int().nullable(),
  nps: z.number().int().nullable(),
  followUp: z.boolean(),
  eventTitle: z.string().nullable(),
  caseNo: z.string().nullable(),
  /** The free-text answers with their questions. */
  texts: z.array(z.object({ questionId: z.string(), question: publishedLabels, answer: z.string() })),
});
export type ResponseRow = z.output<typeof responseRowSchema>;

const scoreSchema = z.object({
  responses: z.number().int(),
  csatResponses: z.number().int(),
  /** Share of 4–5 on the CSAT question, 0–1; null with no answer. */
  csat: z.number().nullable(),
  npsResponses: z.number().int(),
  /** −100 to 100; null with no answer. */
  nps: z.number().nullable(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
});
export type SurveyScore = z.output<typeof scoreSchema>;

export const surveyReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  total: scoreSchema,
  byMonth: z.array(scoreSchema.extend({ month: z.string() })),
  byTemplate: z.array(scoreSchema.extend({ templateId: z.string(), title: publishedLabels, occasion: z.enum(SURVEY_OCCASIONS) })),
  byStaff: z.array(scoreSchema.extend({ staffId: z.string().nullable(), staffName: z.string().nullable() })),
  byBranch: z.array(scoreSchema.extend({ branchId: z.string() })),
});
export type SurveyReport = z.output<typeof surveyReportSchema>;

const reportFilter = periodSchema.extend({ templateId: id.nullable().default(null), staffId: id.nullable().default(null) });

export const surveysContract = {
  /** Every template with the version offered now (retired ones too: their answers stay in the figures). */
  'surveys.templates': method({ input: z.object({}), output: z.array(surveyTemplateSchema), access: 'session', audit: false }),
  /** One template and every version it has had, each with how many answers it was given. */
  'surveys.template': method({
    input: z.object({ id }),
    output: z.object({ template: surveyTemplateSchema, versions: z.array(surveyVersionSchema) }),
    access: 'session',
    audit: false,
  }),
  /**
   * Publishes a new version of a template (`templateId`), or a new template for an occasion (`templateId` null). The
   * answers already given keep the version they were given under.
   */
  'surveys.publish': method({
    input: z.object({
      templateId: id.nullable().default(null),
      occasion: z.enum(SURVEY_OCCASIONS),
      title: labelsSchema,
      questions: z.array(questionSchema).max(40),
      note: optionalText(300),
    }),
    output: surveyTemplateSchema,
    access: SURVEY_MANAGER_ROLES,
    audit: true,
  }),
  /** Retires a template (no longer offered) or offers it again; nothing is deleted. */
  'surveys.retire': method({
    input: z.object({ id, retired: z.boolean() }),
    output: surveyTemplateSchema,
    access: SURVEY_MANAGER_ROLES,
    audit: true,
  }),
  /**
   * Saves one answer sheet under the version it was typed against: for a client or an anonymous respondent, after an
   * event or a complaint where it applies. Refused question by question (`validation.surveys.*`, the question's id
   * in the path); a detractor or a CSAT rating of 1–2 puts a follow-up on the client's worklist.
   */
  'surveys.submit': method({
    input: z.object({
      versionId: id,
      clientId: id.nullable().default(null),
      respondent: optionalText(100),
      eventId: id.nullable().default(null),
      complaintId: id.nullable().default(null),
      answers: answersSchema,
    }),
    output: z.object({ id: z.string(), followUp: z.boolean(), csat: z.number().nullable(), nps: z.number().nullable() }),
    access: 'session',
    audit: true,
  }),
  /**
   * Answer sheets of a period, newest first (a manager's: everyone's; anyone else's: those they entered), filtered by
   * template, staff member, words given or low scores; names masked.
   */
  'surveys.responses': method({
    input: reportFilter.extend({
      clientId: id.nullable().default(null),
      withText: z.boolean().default(false),
      followUpOnly: z.boolean().default(false),
      /** Only promoters (NPS 9–10), passives (7–8) or detractors (0–6): the report's figures open these. */
      band: z.enum(['promoter', 'passive', 'detractor']).nullable().default(null),
      search: optionalText(40),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ rows: z.array(responseRowSchema), total: z.number().int() }),
    access: 'session',
    audit: false,
  }),
  /** CSAT and NPS for a period by month, template, staff member and branch (DOMAIN.md §7). */
  'surveys.report': method({ input: reportFilter, output: surveyReportSchema, access: SURVEY_MANAGER_ROLES, audit: false }),
  /** The figures or the answers of a period as a CSV or XLSX file. */
  'surveys.export': method({
    input: reportFilter.extend({ jobId: jobIdSchema, format: z.enum(['csv', 'xlsx']), what: z.enum(['figures', 'answers']) }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
    access: SURVEY_MANAGER_ROLES,
    audit: true,
  }),
};
