// Corrections to the generated OpenAPI document, so that every response the API gives validates
// against it. The generator writes a nullable schema as `oneOf: [schema, {type: 'null'}]`; when
// the schema admits null itself (JsonValue, Json), a null matches both branches and `oneOf`
// rejects it: every segment whose rule compares with a list containing null failed to validate.
// `anyOf` accepts exactly the same values otherwise, so it replaces `oneOf` wherever one branch
// is null.

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNullSchema = (v: unknown) => isRecord(v) && v.type === 'null' && Object.keys(v).length === 1;

/** Rewrites `document` in place (bounded by the document's own shape: no cycles in JSON). */
export function unambiguousNullables<T>(document: T): T {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!isRecord(node)) continue;
    const oneOf = node.oneOf;
    if (Array.isArray(oneOf) && oneOf.some(isNullSchema) && node.anyOf === undefined) {
      node.anyOf = oneOf;
      delete node.oneOf;
    }
    stack.push(...Object.values(node));
  }
  return document;
}
