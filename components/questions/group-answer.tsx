"use client";

import { useRouter } from "next/navigation";
import { answerQuestionGroupAction } from "@/app/(dashboard)/questions/actions";
import { AnswerForm, type AnswerSuggestion } from "@/components/tasks/answer-form";
import { useServerAction } from "@/components/use-server-action";

/** One answer box for a whole group of waiting clarification tasks. */
export function GroupAnswer({
  workflow,
  questionKey,
  pending: count,
  suggestions,
}: {
  workflow: string;
  questionKey: string;
  pending: number;
  suggestions: AnswerSuggestion[];
}) {
  const router = useRouter();
  const { pending, run } = useServerAction();
  return (
    <AnswerForm
      pending={pending}
      suggestions={suggestions}
      label={`Answer all ${count} waiting`}
      submitLabel={count === 1 ? "Send answer" : `Answer all ${count}`}
      onSend={(response) =>
        void run(() => answerQuestionGroupAction({ workflow, questionKey, response }), {
          success: (r) =>
            r.skippedCount > 0
              ? `Answered ${r.answered}; ${r.skippedCount} could not be answered by you (${r.skipped[0]?.message ?? "see the queue"}).`
              : `Answered ${r.answered} ${r.answered === 1 ? "task" : "tasks"}: their runs continue.`,
          onSuccess: () => router.refresh(),
        })
      }
    />
  );
}
