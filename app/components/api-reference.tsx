import { Fragment, type ReactNode } from "react";

/** The parts of an OpenAPI 3.1 document the reference page reads. */
type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: Schema | boolean;
};
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Media = { schema?: Schema; example?: unknown };
type Response = {
  description: string;
  content?: Record<string, Media>;
  headers?: Record<string, { description?: string }>;
};
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  "x-access"?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, Response>;
};
export type ReferenceDocument = {
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const METHODS = ["get", "post", "patch", "delete"];

/** Backticks as code and **bold**, paragraph by paragraph: all the markdown our descriptions use. */
function Prose({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <>
      {text.split(/\n\n+/).map((paragraph, p) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a fixed text
        <p key={p}>{inline(paragraph)}</p>
      ))}
    </>
  );
}

function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part, i) => {
    // biome-ignore lint/suspicious/noArrayIndexKey: pieces of a fixed text
    if (part.startsWith("`")) return <code key={i}>{part.slice(1, -1)}</code>;
    // biome-ignore lint/suspicious/noArrayIndexKey: pieces of a fixed text
    if (part.startsWith("**")) return <strong key={i}>{part.slice(2, -2)}</strong>;
    return part;
  });
}

function resolve(schema: Schema | undefined, document: ReferenceDocument): Schema | undefined {
  if (!schema?.$ref) return schema;
  return document.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")];
}

/** A schema in a few words: `string (date-time)`, `one of: a, b`, `list of object`, `… or null`. */
function typeWords(schema: Schema | undefined, document: ReferenceDocument): string {
  const own = resolve(schema, document);
  if (!own) return "any";
  if (own.const !== undefined) return JSON.stringify(own.const);
  if (own.enum) return `one of: ${own.enum.map((value) => JSON.stringify(value)).join(", ")}`;
  const choices = own.anyOf ?? own.oneOf;
  if (choices) return choices.map((choice) => typeWords(choice, document)).join(" or ");
  if (own.allOf) return own.allOf.map((part) => typeWords(part, document)).join(" and ");
  const types = Array.isArray(own.type) ? own.type : own.type ? [own.type] : [];
  return (
    types
      .map((type) => {
        if (type === "array") return `list of ${typeWords(own.items, document)}`;
        if (type === "null") return "null";
        const limits = [
          own.format,
          own.minimum !== undefined && own.maximum !== undefined ? `${own.minimum}–${own.maximum}` : undefined,
          own.maxLength !== undefined ? `≤ ${own.maxLength} characters` : undefined,
        ].filter(Boolean);
        return limits.length > 0 ? `${type} (${limits.join(", ")})` : type;
      })
      .join(" or ") || "any"
  );
}

type Row = { name: string; type: string; required: boolean; description?: string };

/** An object's fields, nested ones under dotted names (`address.city`, `bookings[].id`), three deep. */
function fieldRows(schema: Schema | undefined, document: ReferenceDocument, prefix = "", depth = 0): Row[] {
  const own = resolve(schema, document);
  if (!own || depth > 3) return [];
  const object = own.type === "array" ? resolve(own.items, document) : own;
  const listPrefix = own.type === "array" && prefix ? `${prefix}[].` : prefix ? `${prefix}.` : "";
  const nullable = (object?.anyOf ?? [])
    .map((choice) => resolve(choice, document))
    .find((choice) => choice?.properties);
  const fields = object?.properties ?? nullable?.properties;
  if (!fields) return [];
  const required = new Set(object?.required ?? nullable?.required ?? []);
  return Object.entries(fields).flatMap(([name, field]) => [
    {
      name: `${listPrefix}${name}`,
      type: typeWords(field, document),
      required: required.has(name),
      description: resolve(field, document)?.description,
    },
    ...fieldRows(field, document, `${listPrefix}${name}`, depth + 1),
  ]);
}

/** What tells one shape of a body from the others: its field with a single value (`type: "class"`). */
function choiceName(branch: Schema | undefined, index: number) {
  for (const [name, field] of Object.entries(branch?.properties ?? {})) {
    const only = field.const ?? (field.enum?.length === 1 ? field.enum[0] : undefined);
    if (only !== undefined) return `With ${name}: ${JSON.stringify(only)}`;
  }
  return `Or, shape ${index + 1}`;
}

/** An object's fields, or, for a body of several shapes, each shape's fields under its name. */
function SchemaFields({ schema, document }: { schema: Schema | undefined; document: ReferenceDocument }) {
  const own = resolve(schema, document);
  const branches = (own?.oneOf ?? own?.anyOf ?? []).map((branch) => resolve(branch, document));
  if (!own?.properties && branches.filter((branch) => branch?.properties).length > 1) {
    return (
      <>
        {branches.map((branch, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the shapes of a fixed schema
          <Fragment key={index}>
            <p className="api-shape">{choiceName(branch, index)}</p>
            <Fields rows={fieldRows(branch, document)} />
          </Fragment>
        ))}
      </>
    );
  }
  return <Fields rows={fieldRows(schema, document)} />;
}

function Fields({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="api-fields">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <td>
                <code>{row.name}</code>
              </td>
              <td>{row.type}</td>
              <td>
                {row.required ? <strong>Required. </strong> : null}
                {row.description ? inline(row.description) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CREDENTIALS: Record<string, string> = {
  public: "Credentials: none.",
  "signed-in": "Credentials: a bearer token or the session cookie.",
  webhook: "Credentials: the SMS provider's shared secret.",
  stripe: "Credentials: Stripe's signature of the body.",
};

function OperationSection({
  method,
  path,
  operation,
  document,
}: {
  method: string;
  path: string;
  operation: Operation;
  document: ReferenceDocument;
}) {
  const parameters = operation.parameters ?? [];
  const body = operation.requestBody?.content["application/json"];
  const statuses = Object.entries(operation.responses);
  return (
    <section className="api-operation" id={operation.operationId} aria-labelledby={`${operation.operationId}-title`}>
      <h3 id={`${operation.operationId}-title`}>
        <span className={`api-method api-method-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
      </h3>
      <p className="api-summary">{operation.summary}</p>
      <Prose text={operation.description} />
      <p className="muted">{CREDENTIALS[operation["x-access"] ?? "signed-in"]}</p>
      {parameters.length > 0 ? (
        <>
          <h4>Parameters</h4>
          <Fields
            rows={parameters.map((parameter) => ({
              name: `${parameter.name} (${parameter.in})`,
              type: typeWords(parameter.schema, document),
              required: parameter.required ?? false,
              description: parameter.description ?? parameter.schema?.description,
            }))}
          />
        </>
      ) : null}
      {body ? (
        <>
          <h4>Body (JSON)</h4>
          <SchemaFields schema={body.schema} document={document} />
          {body.example !== undefined ? <pre>{JSON.stringify(body.example, null, 2)}</pre> : null}
        </>
      ) : null}
      <h4>Answers</h4>
      <dl className="api-answers">
        {statuses.map(([status, response]) => {
          const json = response.content?.["application/json"];
          const success = status.startsWith("2");
          return (
            <Fragment key={status}>
              <dt>{status}</dt>
              <dd>
                <Prose text={response.description} />
                {success && json ? <SchemaFields schema={json.schema} document={document} /> : null}
                {success && json?.example !== undefined ? <pre>{JSON.stringify(json.example, null, 2)}</pre> : null}
              </dd>
            </Fragment>
          );
        })}
      </dl>
    </section>
  );
}

/** The whole reference: the introduction, a contents list by tag, then every operation. */
export function ApiReference({ document, stylesheet }: { document: ReferenceDocument; stylesheet: string }) {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] as Operation })),
  );
  const tags = (document.tags ?? []).filter((tag) =>
    operations.some(({ operation }) => operation.tags?.includes(tag.name)),
  );
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${document.info.title} ${document.info.version}`}</title>
        <link rel="stylesheet" href={stylesheet} />
      </head>
      <body>
        <main className="page api-reference">
          <h1>{document.info.title}</h1>
          <p>
            Version {document.info.version}. The same description as OpenAPI 3.1:{" "}
            <a href="/api/openapi.json">/api/openapi.json</a>.
          </p>
          <Prose text={document.info.description} />
          <nav aria-label="Operations">
            <h2>Contents</h2>
            <ul className="api-contents">
              {tags.map((tag) => (
                <li key={tag.name}>
                  <a href={`#tag-${tag.name.replace(/\W+/g, "-")}`}>{tag.name}</a>
                </li>
              ))}
            </ul>
          </nav>
          {tags.map((tag) => {
            const id = `tag-${tag.name.replace(/\W+/g, "-")}`;
            return (
              <section key={tag.name} id={id} aria-labelledby={`${id}-title`}>
                <h2 id={`${id}-title`}>{tag.name}</h2>
                <Prose text={tag.description} />
                <ul className="api-index">
                  {operations
                    .filter(({ operation }) => operation.tags?.includes(tag.name))
                    .map(({ path, method, operation }) => (
                      <li key={operation.operationId}>
                        <a href={`#${operation.operationId}`}>
                          {method.toUpperCase()} {path}
                        </a>
                        : {operation.summary}
                      </li>
                    ))}
                </ul>
                {operations
                  .filter(({ operation }) => operation.tags?.includes(tag.name))
                  .map(({ path, method, operation }) => (
                    <OperationSection
                      key={operation.operationId}
                      method={method}
                      path={path}
                      operation={operation}
                      document={document}
                    />
                  ))}
              </section>
            );
          })}
        </main>
      </body>
    </html>
  );
}
