"use client";

import { useEffect, useRef, useState } from "react";

/** What /api/events sends for each batch of tasks created or decided in the member's team. */
export interface LiveTaskEvent {
  event: "created" | "decided";
  queues: string[];
  count: number;
}

/**
 * Subscribes to the dashboard's server-sent task events for as long as the component is
 * mounted. The browser's EventSource reconnects by itself after a dropped connection.
 * Returns whether the stream is currently open.
 */
export function useTaskEvents(onEvent: (event: LiveTaskEvent) => void): boolean {
  const [connected, setConnected] = useState(false);
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/events");
    const listener = (message: MessageEvent<string>) => {
      try {
        handler.current(JSON.parse(message.data) as LiveTaskEvent);
      } catch {
        /* ignore a malformed event */
      }
    };
    source.addEventListener("task", listener);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => {
      source.removeEventListener("task", listener);
      source.close();
    };
  }, []);
  return connected;
}
