"use server";

import { revalidatePath } from "next/cache";
import { revokeAnswer, setAutoApply, setAutoApplyInputSchema } from "@/lib/answers";
import { teamAction } from "@/lib/auth/action";
import { answerQuestionGroup, answerQuestionGroupInputSchema } from "@/lib/tasks/question-groups";
import { z } from "zod";

/** Answers every waiting task of a question group once (each decision checked and audited by the service). */
export const answerQuestionGroupAction = teamAction("tasks.decide", answerQuestionGroupInputSchema, async (input, { principal }) => {
  const result = await answerQuestionGroup(principal, input);
  revalidatePath("/questions");
  revalidatePath("/");
  return result;
});

/** Turns "apply automatically" on or off for a saved answer (owners and admins; audited). */
export const setAutoApplyAction = teamAction("answers.manage", setAutoApplyInputSchema, async (input, { principal }) => {
  const answer = await setAutoApply(principal, input);
  revalidatePath("/questions");
  return { id: answer.id, auto: answer.auto };
});

/** Stops suggesting a saved answer (owners and admins; audited). */
export const revokeAnswerAction = teamAction(
  "answers.manage",
  z.object({ answerId: z.string().min(1).max(100) }),
  async (input, { principal }) => {
    await revokeAnswer(principal, input.answerId);
    revalidatePath("/questions");
    return { id: input.answerId };
  },
);
