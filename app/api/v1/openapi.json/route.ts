import { openApiDocument } from "@/lib/api/openapi";

/** Public: the contract itself needs no key. */
export async function GET(req: Request) {
  return Response.json(openApiDocument(new URL(req.url).origin));
}
