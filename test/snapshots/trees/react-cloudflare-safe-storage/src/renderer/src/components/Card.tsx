import { Fragment, type ReactNode } from 'react';

/** A procedure's card: its name, a tag, then its answer (`children`), its error or "Loading…". */
export function Card<T>(props: {
  title: string;
  tag: string;
  result: { data?: T; error: { message: string } | null };
  children: (data: T) => ReactNode;
}) {
  const { data, error } = props.result;
  return (
    <section className="card">
      <h2>
        {props.title} <span className={props.tag.includes('protected') ? 'tag protected' : 'tag'}>{props.tag}</span>
      </h2>
      {data !== undefined ? props.children(data) : <Status error={error} />}
    </section>
  );
}

export function Status({ error }: { error: { message: string } | null }) {
  return error ? <p className="error-text">{error.message}</p> : <p className="muted">Loading…</p>;
}

/** Name → value rows. */
export function Fields({ rows }: { rows: Record<string, ReactNode> }) {
  return (
    <dl>
      {Object.entries(rows).map(([name, value]) => (
        <Fragment key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
