import Link from "next/link";

const HREF: Record<string, (id: string) => string> = {
  task: (id) => `/tasks/${id}`,
  run: (id) => `/runs/${id}`,
};

/** The subject of an event: a link for tasks and runs (titled when the event knows the title). */
export function SubjectLink({ type, id, title }: { type: string; id: string; title?: string }) {
  const href = HREF[type]?.(id);
  const text = (
    <>
      <span className="text-muted-foreground">{type.replace("_", " ")}</span>{" "}
      {title ? <span>{title}</span> : <span className="font-mono text-xs">{id}</span>}
    </>
  );
  if (!href) return <span className="min-w-0 truncate">{text}</span>;
  return (
    <Link
      href={href}
      title={id}
      className="min-w-0 truncate rounded-sm underline-offset-2 outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring/50"
    >
      {text}
    </Link>
  );
}
