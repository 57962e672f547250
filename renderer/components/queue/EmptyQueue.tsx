import { AddButtons } from './AddButtons';

export function EmptyQueue(): React.JSX.Element {
  return (
    <section className="empty-queue" aria-labelledby="empty-title">
      <div className="empty-art" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      <h1 id="empty-title">Nothing in the queue yet</h1>
      <p>
        Drop video or audio files here, or whole folders. Framewright looks inside each file first,
        then converts them with the preset you choose when you press Start.
      </p>
      <AddButtons large />
    </section>
  );
}
