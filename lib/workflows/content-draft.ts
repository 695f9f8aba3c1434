import { Annotation, END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { z } from "zod";
import { fewShotExamples, reviewArtifact } from "@/lib/hitl";
import { askModelForText } from "./model";
import { defineWorkflow } from "./types";

const inputSchema = z.object({ topic: z.string().trim().min(1).max(500) });
const FEW_SHOT_LIMIT = 3;
const WORKFLOW_ID = "content-draft";

const Artifact = z
  .object({
    topic: z.string().meta({ title: "Topic" }),
    markdown: z.string().min(1).meta({ title: "Draft (markdown)", "x-widget": "markdown" }),
  })
  .strict();
type Artifact = z.output<typeof Artifact>;

const State = Annotation.Root({
  input: Annotation<z.infer<typeof inputSchema>>,
  examples: Annotation<string[]>,
  draft: Annotation<Artifact>,
  output: Annotation<{ final: string | null; edited: boolean; fewShotExamples: number } | null>,
});
type S = typeof State.State;

const DRAFT_PROMPT =
  "[task:draft-article] Write a short markdown article on the topic. Match the style of the examples, which are drafts our editors corrected.";

/** The feedback sink's examples: promoted edits first, then recent unreviewed ones (never retired ones). */
async function loadExamples(_state: S, config: LangGraphRunnableConfig): Promise<Partial<S>> {
  const found = await fewShotExamples({ limit: FEW_SHOT_LIMIT }, config);
  const examples = found.map((e) => Artifact.safeParse(e.edited).data?.markdown).filter((e): e is string => Boolean(e));
  return { examples };
}

async function draft(state: S): Promise<Partial<S>> {
  const markdown = await askModelForText(DRAFT_PROMPT, { topic: state.input.topic, examples: state.examples });
  return { draft: { topic: state.input.topic, markdown } };
}

function review(state: S): Partial<S> {
  const result = reviewArtifact({
    queue: "content",
    title: `Draft: ${state.input.topic}`,
    description: state.examples.length ? `Written with ${state.examples.length} edited example(s) as guidance.` : undefined,
    payload: state.draft,
    schema: Artifact,
  });
  const fewShotExamples = state.examples.length;
  if (result.action === "reject") return { output: { final: null, edited: false, fewShotExamples } };
  return { output: { final: result.payload.markdown, edited: result.action === "edit", fewShotExamples } };
}

export const contentDraft = defineWorkflow({
  id: WORKFLOW_ID,
  name: "Content draft",
  description: "Drafts a markdown article for review in the `content` queue; edits become few-shot examples for later drafts.",
  inputSchema,
  summarize: (input) => `Topic “${input.topic}”`,
  offlineReplies: {
    "draft-article": (data) => {
      const topic = String(data.topic ?? "the topic");
      const examples = Array.isArray(data.examples) ? data.examples.map(String) : [];
      // The examples' titles, so that a test (and a curious reviewer) sees which examples the prompt had.
      const titles = examples.map((e) => /^#\s+(.+)$/m.exec(e)?.[1]?.trim()).filter(Boolean);
      const style =
        examples.length > 0 ? `\n\n_Style follows ${examples.length} reviewed example(s): ${titles.map((t) => `“${t}”`).join(", ")}._` : "";
      return `# ${topic}\n\n${topic} matters because teams need to move fast without losing control.\n\n## Key points\n\n- What ${topic} is\n- Why it matters now\n- How to start${style}\n`;
    },
  },
  compile: (checkpointer) =>
    new StateGraph(State)
      .addNode("load_examples", loadExamples)
      // A node may not share its name with a state key ("draft"), or LangGraph refuses to compile.
      .addNode("write_draft", draft)
      .addNode("review", review)
      .addEdge(START, "load_examples")
      .addEdge("load_examples", "write_draft")
      .addEdge("write_draft", "review")
      .addEdge("review", END)
      .compile({ checkpointer }),
});
