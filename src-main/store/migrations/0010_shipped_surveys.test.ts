import { describe, expect, it } from 'vitest';
import { SHIPPED_TEMPLATES } from './0010_shipped_surveys';
import { checkAnswers, SURVEY_OCCASIONS } from '../../../src-shared/domain/surveys';

describe('the shipped survey templates', () => {
  it('cover every occasion once', () => {
    expect(SHIPPED_TEMPLATES.map((t) => t.occasion).sort()).toEqual([...SURVEY_OCCASIONS].sort());
    expect(new Set(SHIPPED_TEMPLATES.map((t) => t.code)).size).toBe(SHIPPED_TEMPLATES.length);
  });

  it.each(SHIPPED_TEMPLATES.map((t) => [t.code, t] as const))(
    '%s is complete in three languages, with one CSAT and one NPS question',
    (_code, t) => {
      const texts = [t.title, ...t.questions.map((q) => q.text), ...t.questions.flatMap((q) => (q.choices ?? []).map((c) => c.label))];
      for (const text of texts) for (const language of ['zh-CN', 'zh-TW', 'en'] as const) expect(text[language].trim()).not.toBe('');
      expect(new Set(t.questions.map((q) => q.id)).size).toBe(t.questions.length);
      expect(t.questions.filter((q) => q.csat)).toEqual([expect.objectContaining({ type: 'rating', required: true })]);
      expect(t.questions.filter((q) => q.type === 'nps')).toHaveLength(1);
      for (const q of t.questions) {
        const codes = (q.choices ?? []).map((c) => c.code);
        expect(new Set(codes).size).toBe(codes.length);
        expect(codes.length > 0).toBe(q.type === 'single' || q.type === 'multiple');
      }
      // A sheet with every required question answered at its lowest is valid; an empty one names each required question.
      const lowest = Object.fromEntries(
        t.questions.filter((q) => q.required).map((q) => [q.id, q.type === 'rating' ? 1 : q.type === 'nps' ? 0 : q.choices![0]!.code]),
      );
      const asChecked = t.questions.map((q) => ({ ...q, choices: q.choices?.map((c) => c.code) }));
      expect(checkAnswers(asChecked, lowest)).toEqual([]);
      expect(checkAnswers(asChecked, {}).map((i) => i.questionId)).toEqual(t.questions.filter((q) => q.required).map((q) => q.id));
    },
  );
});
