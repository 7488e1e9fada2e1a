/**
 * An agenda item's issued pack versions: organisers issue one (a copy minutes can cite; issuing again with nothing
 * changed keeps the current one), everyone who reads the item lists them and opens the current one as a page, CSV
 * or PDF; a superseded version opens as its record with a link to the current one.
 */
import { useEffect, useState } from 'preact/hooks';
import { committeesApi } from '../api-committees.ts';
import { when } from '../format.ts';
import { useAction } from '../hooks.ts';
import { useNotice } from '../notice.tsx';
import type { PackVersion } from '../types.ts';

export function PackVersions(props: { itemId: string; canIssue: boolean }) {
  const notice = useNotice();
  const { run } = useAction();
  const [versions, setVersions] = useState<PackVersion[]>();

  const load = async () => {
    try {
      setVersions((await committeesApi.packVersions(props.itemId)).versions);
    } catch (error) {
      notice.fail('The pack versions could not be loaded.', error);
    }
  };
  useEffect(() => {
    void load();
  }, [props.itemId]);

  const issue = async () => {
    const outcome = await run(
      'No pack version was issued.',
      () => committeesApi.issuePack(props.itemId),
      (issued) =>
        issued.unchanged
          ? `Nothing has changed since version ${issued.version} was issued, so it is still the one to cite.`
          : `Issued pack version ${issued.version}. Minutes can cite it by its number and date.`,
    );
    if (outcome.ok) await load();
  };

  return (
    <section class="panel" aria-labelledby="pack-versions-heading">
      <h2 id="pack-versions-heading">Pack versions</h2>
      <p class="meta">An issued version keeps the feedback and figures it showed, so minutes can cite it. If a child withdraws or a moderator changes something it shows, it is replaced by a new version.</p>
      {props.canIssue ? (
        <button type="button" class="primary" onClick={() => void issue()}>
          Issue a pack version
        </button>
      ) : null}
      {!versions ? (
        <p>Loading…</p>
      ) : versions.length === 0 ? (
        <p>No version has been issued yet.</p>
      ) : (
        <ol class="pack-versions" reversed>
          {versions.map((version) => (
            <li key={version.id} data-testid="pack-version">
              <strong>Version {version.version}</strong> · issued {when(version.issuedAt)}
              {version.links ? (
                <>
                  {' '}
                  · current
                  <ul class="links" aria-label={`Open version ${version.version}`}>
                    <li>
                      <a class="button" href={version.links.page}>
                        Open version {version.version}
                      </a>
                    </li>
                    <li>
                      <a class="button" href={version.links.pdf} download>
                        PDF of version {version.version}
                      </a>
                    </li>
                    <li>
                      <a class="button" href={version.links.csv} download>
                        CSV of version {version.version}
                      </a>
                    </li>
                    <li>
                      <a class="button" href={version.links.xlsx} download>
                        XLSX of version {version.version}
                      </a>
                    </li>
                  </ul>
                </>
              ) : (
                <>
                  {' '}
                  · superseded {version.supersededAt ? when(version.supersededAt) : ''}: {version.supersededReason}{' '}
                  <a href={committeesApi.versionUrl(version.id)}>
                    Record of version {version.version}
                  </a>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
