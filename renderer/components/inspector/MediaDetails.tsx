import type { MediaInfo } from '../../../app/media/model';
import { chapterTime, containerRows } from './describe';
import { Facts, Tags } from './Facts';
import { PictureFacts } from './PictureFacts';
import { StreamCard } from './StreamCard';

export function MediaDetails({ info }: { info: MediaInfo }): React.JSX.Element {
  return (
    <>
      <PictureFacts info={info} />
      <section className="inspector-section" aria-labelledby="container-title">
        <h3 id="container-title">Container</h3>
        <Facts rows={containerRows(info)} />
        <Tags tags={info.format.tags} />
      </section>
      <section className="inspector-section" aria-labelledby="streams-title">
        <h3 id="streams-title">Streams</h3>
        {info.streams.length === 0 && (
          <p className="muted">This file has no streams FFmpeg can read.</p>
        )}
        {info.streams.map((stream) => (
          <StreamCard key={stream.index} stream={stream} />
        ))}
      </section>
      <section className="inspector-section" aria-labelledby="chapters-title">
        <h3 id="chapters-title">Chapters</h3>
        {info.chapters.length === 0 ? (
          <p className="muted">No chapters.</p>
        ) : (
          <ol className="chapters">
            {info.chapters.map((chapter) => (
              <li key={chapter.id}>
                <span className="chapter-time">
                  {chapterTime(chapter.start_time)} – {chapterTime(chapter.end_time)}
                </span>
                <span>{chapter.tags?.title ?? `Chapter ${chapter.id + 1}`}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
