export default function Home() {
  return (
    <main className="mx-auto max-w-2xl p-10">
      <h1 className="text-2xl font-semibold">AgentControlLayer</h1>
      <p className="mt-2 text-muted-foreground">The human-in-the-loop control plane for AI agents.</p>
    </main>
  );
}
