import type { ProbeStream } from '../../../app/media/model';
import { dispositionFlags, sideDataText, streamRows, streamTitle } from './describe';
import { Facts, Tags } from './Facts';

export function StreamCard({ stream }: { stream: ProbeStream }): React.JSX.Element {
  const flags = dispositionFlags(stream);
  const sideData = stream.side_data_list ?? [];
  const titleId = `stream-${stream.index}`;
  return (
    <section className={`stream-card ${stream.codec_type ?? 'other'}`} aria-labelledby={titleId}>
      <h4 id={titleId}>{streamTitle(stream)}</h4>
      {flags.length > 0 && (
        <ul className="chips" aria-label="Disposition">
          {flags.map((flag) => (
            <li key={flag} className="chip">
              {flag}
            </li>
          ))}
        </ul>
      )}
      <Facts rows={streamRows(stream)} />
      {sideData.length > 0 && (
        <div className="side-data">
          <h5>Side data</h5>
          <Facts
            rows={sideData.map((data, i) => [
              data.side_data_type ?? `Side data ${i + 1}`,
              sideDataText(data),
            ])}
          />
        </div>
      )}
      <Tags tags={stream.tags} />
    </section>
  );
}
