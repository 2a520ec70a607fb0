import { z } from "zod";
import { requiredText } from "~/services/shared/schema-helpers";

/** The standard Physical Activity Readiness Questionnaire, in its usual wording and order. */
export const PARQ_QUESTIONS = [
  "Has your doctor ever said that you have a heart condition and that you should only do physical activity recommended by a doctor?",
  "Do you feel pain in your chest when you do physical activity?",
  "In the past month, have you had chest pain when you were not doing physical activity?",
  "Do you lose your balance because of dizziness or do you ever lose consciousness?",
  "Do you have a bone or joint problem (for example, back, knee or hip) that could be made worse by a change in your physical activity?",
  "Is your doctor currently prescribing drugs (for example, water pills) for your blood pressure or heart condition?",
  "Do you know of any other reason why you should not do physical activity?",
] as const;

const declarationName = requiredText("your full name", 100);

const yesNo = z.enum(["yes", "no"], {
  errorMap: () => ({ message: "Answer yes or no" }),
});

/** The page's form: one yes/no radio pair per question (q1 … q7), then the declaration. */
export const ParqFormSchema = z.object({
  q1: yesNo,
  q2: yesNo,
  q3: yesNo,
  q4: yesNo,
  q5: yesNo,
  q6: yesNo,
  q7: yesNo,
  declarationName,
});
type ParqForm = z.infer<typeof ParqFormSchema>;
export const PARQ_FIELDS = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"] as const;

/** POST /api/clients/:id/parq. */
export const ParqSubmissionSchema = z.object({
  answers: z
    .array(z.boolean({ invalid_type_error: "Answer each question with true (yes) or false (no)" }))
    .length(PARQ_QUESTIONS.length, `Answer all ${PARQ_QUESTIONS.length} questions`),
  declarationName,
});
export type ParqSubmission = z.infer<typeof ParqSubmissionSchema>;

export function submissionFromForm(form: ParqForm): ParqSubmission {
  return { answers: PARQ_FIELDS.map((field) => form[field] === "yes"), declarationName: form.declarationName };
}
