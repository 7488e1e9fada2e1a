/** Reads /api/openapi.json as a list of operations, with a concrete URL for each, for tests that walk every route. */
import type { HeardApp } from '../../api/app.ts';

export type Operation = {
  method: string;
  path: string;
  url: string;
  roles: string[] | undefined;
  jsonBody: boolean;
  responses: Record<string, unknown>;
};

type Parameter = { name: string; in: string; schema?: { type?: string; format?: string } };
type RawOperation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, unknown> }; security?: unknown[]; 'x-heard-roles'?: string[]; responses: Record<string, unknown> };
export type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, RawOperation>> };

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

/** A value the path parameter's schema accepts, so validation lets the request reach what is being tested. */
function sample(parameter: Parameter | undefined): string {
  const schema = parameter?.schema ?? {};
  if (schema.type === 'integer' || schema.type === 'number') return '1';
  return schema.format === 'uuid' || !parameter ? SAMPLE_ID : 'sample';
}

export async function readDocument(app: HeardApp): Promise<OpenApiDocument> {
  const response = await app.request('/api/openapi.json');
  if (response.status !== 200) throw new Error(`/api/openapi.json answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      url: path.replace(/\{(\w+)\}/g, (_, name: string) => sample(operation.parameters?.find((p) => p.in === 'path' && p.name === name))),
      roles: operation.security ? (operation['x-heard-roles'] ?? []) : undefined,
      jsonBody: operation.requestBody?.content?.['application/json'] !== undefined,
      responses: operation.responses,
    })),
  );
}
