/**
 * What is known about one entity and who says so: shared by the hover card and the popup's detail
 * view. Renders data as text only (Preact escapes it); every link goes through a callback, so the
 * host decides how to open it (an http(s) URL, or an extension page via the background).
 */
import { useMemo } from 'preact/hooks';
import type { Claim, Entity } from '@/data/format/schema';
import { buildEntityView, type Citation, type Line, type Version } from '@/utils/entity-view';
import { formatAge, formatPartialDate, type Locale, type Translate } from '@/utils/i18n';
import type { EntityDetails } from '@/utils/protocol';

export interface EntityCardProps {
  details: EntityDetails;
  locale: Locale;
  t: Translate;
  /** The name as it appears on the page, when it differs from the canonical name. */
  nameAsWritten?: string;
  /** The id of the heading, for aria-labelledby. */
  headingId: string;
  onOpenEntity?: (id: string) => void;
  onOpenCitation: (citation: Citation) => void;
  onOpenInSearch?: (id: string) => void;
  /** The moment ages are counted from (tests fix it); now by default (EntityCard fills it in for its parts). */
  now?: number;
}

/** A date as an article or a claim gives it: partial (2024, 2024-10), and maybe estimated. */
type Dated = { date: string; estimated?: boolean };

/** The newest of some dates (ISO partial dates compare as text), or undefined. */
function newest(dates: (Dated | undefined)[]): Dated | undefined {
  let found: Dated | undefined;
  for (const dated of dates) if (dated && (!found || dated.date > found.date)) found = dated;
  return found;
}

export function EntityCard(given: EntityCardProps) {
  // Ages are counted from one moment for the whole card.
  const props = { ...given, now: given.now ?? Date.now() };
  const { details, t, locale, nameAsWritten, headingId, onOpenInSearch, now } = props;
  const { entity } = details;
  const view = useMemo(() => buildEntityView(details), [details]);
  const citedOn = new Map(view.citations.map((citation) => [citation.number, citation.article.published]));
  /** The newest date among the articles a line cites: what "as of" means for a fact its source gives no time for. */
  const lineDate = (line: Line) =>
    newest(line.versions.flatMap((version) => version.citations.map((number) => citedOn.get(number))));
  const newestSource = newest([...citedOn.values()]);
  const english = locale === 'en' && entity.descriptionEn;
  const parent = entity.parent ? details.entities[entity.parent] : undefined;
  const sections: [string, Line[]][] = [
    [t('sectionRoles'), view.roles],
    [t('sectionMoves'), view.moves],
    [t('sectionJoined'), view.joined],
    [t('sectionLeft'), view.left],
    [t('sectionPeople'), view.people],
    [t('sectionEvents'), view.events],
  ];
  const empty = sections.every(([, lines]) => lines.length === 0);

  return (
    <article class={`entity-card kind-${entity.kind}`} data-entity={entity.id}>
      <header>
        <h2 id={headingId} class="entity-name">
          {entity.name}
        </h2>
        {entity.nameEn && entity.nameEn !== entity.name ? (
          <span class="entity-name-en" lang="en">
            {entity.nameEn}
          </span>
        ) : null}
        <p class="entity-meta">
          <span class={`kind-badge kind-${entity.kind}`}>{t(`kind_${entity.kind}`)}</span>
          {nameAsWritten && nameAsWritten !== entity.name ? (
            <span class="as-written">{t('asWritten', { name: nameAsWritten })}</span>
          ) : null}
        </p>
        <p class="entity-description" lang={english ? 'en' : undefined}>
          {english ? entity.descriptionEn : entity.description}
        </p>
        {newestSource ? (
          <p class="freshness">
            {t('newestSource', {
              date: formatPartialDate(newestSource, locale, t),
              age: formatAge(newestSource.date, locale, now),
            })}
          </p>
        ) : null}
        {parent ? (
          <p class="entity-parent">
            <EntityName id={parent.id} props={props} template={(name) => t('partOf', { name })} />
          </p>
        ) : null}
      </header>

      {details.children.length > 0 ? (
        <section>
          <h3>{t('sectionTeams')}</h3>
          <p class="children">
            {details.children.map((child, index) => (
              <span key={child.id}>
                {index > 0 ? '、' : ''}
                <EntityName id={child.id} props={props} />
              </span>
            ))}
          </p>
        </section>
      ) : null}

      {sections.map(([title, lines]) =>
        lines.length > 0 ? (
          <section key={title}>
            <h3>{title}</h3>
            <ul class="lines">
              {lines.map((line) => (
                <ClaimLine key={line.claim.id} line={line} entity={entity} props={props} citedDate={lineDate(line)} />
              ))}
            </ul>
          </section>
        ) : null,
      )}
      {empty ? <p class="muted">{t('noClaims')}</p> : null}

      {view.citations.length > 0 ? (
        <section class="sources">
          <h3>{t('sectionSources')}</h3>
          <ol>
            {view.citations.map((citation) => (
              <CitationItem key={citation.number} citation={citation} props={props} />
            ))}
          </ol>
        </section>
      ) : null}

      {onOpenInSearch ? (
        <footer>
          <button type="button" class="link" onClick={() => onOpenInSearch(entity.id)}>
            {t('openInSearch')}
          </button>
        </footer>
      ) : null}
    </article>
  );
}

function EntityName({
  id,
  props,
  template,
}: {
  id: string | undefined;
  props: EntityCardProps;
  template?: (name: string) => string;
}) {
  const { details, t, onOpenEntity } = props;
  if (!id) return <span class="unknown">{t('unknownOrg')}</span>;
  const summary = details.entities[id];
  const name = summary?.name ?? id;
  if (id === details.entity.id || !onOpenEntity || !summary) return <span>{template ? template(name) : name}</span>;
  if (template) {
    // Keep the localised sentence around the name, and make only the name a button.
    const [before, after] = template('\u0000').split('\u0000');
    return (
      <span>
        {before}
        <button type="button" class="entity-link" onClick={() => onOpenEntity(id)}>
          {name}
        </button>
        {after}
      </span>
    );
  }
  return (
    <button type="button" class="entity-link" onClick={() => onOpenEntity(id)}>
      {name}
    </button>
  );
}

/** A sentence with {placeholders} filled by Preact nodes (names as buttons). */
function Sentence({ template, slots }: { template: string; slots: Record<string, preact.ComponentChild> }) {
  const parts = template.split(/(\{\w+\})/);
  return (
    <>
      {parts.map((part, index) => {
        const slot = /^\{(\w+)\}$/.exec(part)?.[1];
        return slot && slot in slots ? <span key={index}>{slots[slot]}</span> : part;
      })}
    </>
  );
}

function ClaimLine({
  line,
  entity,
  props,
  citedDate,
}: {
  line: Line;
  entity: Entity;
  props: EntityCardProps;
  citedDate: Dated | undefined;
}) {
  const { t } = props;
  const { claim } = line;
  const subject = claim.subject !== entity.id ? <EntityName id={claim.subject} props={props} /> : null;
  return (
    <li class={`line kind-${claim.kind}${line.disputed ? ' disputed' : ''}`} data-claim={claim.id}>
      <span class="line-text">
        {subject ? <span class="line-subject">{subject}</span> : null}
        <ClaimText claim={claim} props={props} citedDate={citedDate} />
      </span>
      {line.disputed ? (
        <div class="versions">
          <span class="disputed-label">{t('disputed')}</span>
          {line.versions.map((version, index) => (
            <span class="version" key={index}>
              <VersionDetail version={version} props={props} />
            </span>
          ))}
        </div>
      ) : (
        <span class="line-meta">
          <Evidence version={line.versions[0]!} props={props} />
        </span>
      )}
    </li>
  );
}

/** For a disputed line: what this version says that the others do not, then its evidence. */
function VersionDetail({ version, props }: { version: Version; props: EntityCardProps }) {
  const claim = version.claims[0]!;
  const detail = claim.kind === 'level' ? claim.level : timeOf(claim, props);
  return (
    <>
      {detail ? <strong class="version-detail">{detail}</strong> : null}
      <Evidence version={version} props={props} />
    </>
  );
}

function Evidence({ version, props }: { version: Version; props: EntityCardProps }) {
  const { t } = props;
  return (
    <>
      <span class={`certainty certainty-${version.certainty}`} title={t(`certaintyHelp_${version.certainty}`)}>
        {t(`certainty_${version.certainty}`)}
        {version.hedges.length > 0 ? `（${version.hedges.join('、')}）` : ''}
      </span>
      {version.citations.map((number) => (
        <button
          type="button"
          class="cite"
          key={number}
          aria-label={`${t('sectionSources')} ${number}`}
          // Scroll within the card: a #fragment link would change the page's own URL.
          onClick={(event) =>
            event.currentTarget
              .closest('article')
              ?.querySelector(`[data-source="${number}"]`)
              ?.scrollIntoView({ block: 'nearest' })
          }
        >
          [{number}]
        </button>
      ))}
    </>
  );
}

/**
 * A claim's time as the card writes it. A current role (not former, no end) also says how old the
 * news is: as of the time its claim gives, else of the newest article that states it
 * (`citedDate`), and how long ago that was.
 */
function timeOf(claim: Claim, props: EntityCardProps, citedDate?: Dated): string {
  const { t, locale } = props;
  const format = (time: Dated) => formatPartialDate(time, locale, t);
  if (claim.kind !== 'role') return 'date' in claim && claim.date ? format(claim.date) : '';
  const parts: string[] = [];
  if (claim.start) parts.push(t('since', { time: format(claim.start) }));
  if (claim.end) parts.push(t('until', { time: format(claim.end) }));
  const current = claim.status !== 'former' && !claim.end;
  const asOf = claim.asOf ?? (current ? citedDate : undefined);
  if (asOf && (current || (!claim.start && !claim.end))) {
    const time = t('asOf', { time: format(asOf) });
    parts.push(current ? t('dateAndAge', { date: time, age: formatAge(asOf.date, locale, props.now!) }) : time);
  }
  return parts.join(' ');
}

function moveTemplate(claim: Extract<Claim, { kind: 'move' }>): 'moveFromTo' | 'moveFrom' | 'moveTo' {
  const toKnown = Boolean(claim.to || claim.toTitle);
  const fromKnown = Boolean(claim.from || claim.fromTitle);
  if (fromKnown && !toKnown) return 'moveFrom';
  if (toKnown && !fromKnown) return 'moveTo';
  return 'moveFromTo';
}

function ClaimText({ claim, props, citedDate }: { claim: Claim; props: EntityCardProps; citedDate?: Dated }) {
  const { t } = props;
  const time = timeOf(claim, props, citedDate);
  const name = (id: string | undefined) => <EntityName id={id} props={props} />;
  let body: preact.ComponentChild;
  switch (claim.kind) {
    case 'role':
      body = (
        <>
          {claim.status === 'former' ? <span class="status">{t('former')}</span> : null}
          {claim.org ? <>{name(claim.org)} · </> : null}
          <span class="title">{claim.title}</span>
        </>
      );
      break;
    case 'level':
      body = (
        <>
          {name(claim.org)} · {t(claim.promotion ? 'promotedTo' : 'level', { level: claim.level })}
        </>
      );
      break;
    case 'move':
      // With one end unknown (and no title there either), the move says what is known: "joined
      // ByteDance", "left Meta"; otherwise "A → B", the unknown end named so.
      body = (
        <Sentence
          template={t(moveTemplate(claim))}
          slots={{
            from: (
              <>
                {name(claim.from)}
                {claim.fromTitle ? <span class="title">（{claim.fromTitle}）</span> : null}
              </>
            ),
            to: (
              <>
                {name(claim.to)}
                {claim.toTitle ? <span class="title">（{claim.toTitle}）</span> : null}
              </>
            ),
          }}
        />
      );
      break;
    case 'founding':
      body = <Sentence template={t('founded')} slots={{ org: name(claim.org) }} />;
      break;
    case 'legal':
      body = (
        <>
          <Sentence template={t(`legal_${claim.action}`)} slots={{ against: name(claim.against) }} />：{claim.matter}
        </>
      );
      break;
    case 'acquisition':
      body = (
        <>
          <Sentence template={t('acquired')} slots={{ target: name(claim.target) }} />
          {claim.amount ? `（${claim.amount}）` : ''}
        </>
      );
      break;
    case 'investment':
      body = <Sentence template={t('invested')} slots={{ target: name(claim.target) }} />;
      break;
    case 'education':
      body = <Sentence template={t('studied')} slots={{ org: name(claim.org) }} />;
      break;
    case 'development':
      body = (
        <>
          {claim.action} {name(claim.model)}
        </>
      );
      break;
  }
  return (
    <>
      {time ? <span class="time">{time}</span> : null}
      <span class="claim-body">{body}</span>
    </>
  );
}

/** The host a source URL leads to, as the browser will show it (punycode for other scripts), or null. */
function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

function CitationItem({ citation, props }: { citation: Citation; props: EntityCardProps }) {
  const { t, locale, onOpenCitation } = props;
  const { article } = citation;
  const date = formatPartialDate({ date: article.published.date }, locale, t);
  const host = hostOf(article.url);
  return (
    <li data-source={citation.number} value={citation.number}>
      <span class="source-head">
        {article.publisher ?? t('publisherUnknown')} ·{' '}
        {article.published.estimated ? t('publishedEstimated', { date }) : date}
      </span>
      <span class="source-title">{article.title ?? article.summary}</span>
      <blockquote class="quote">{citation.quote}</blockquote>
      <button type="button" class="link" onClick={() => onOpenCitation(citation)}>
        {/* Where the link leads, before it is followed: the host as the browser will show it. */}
        {host ? t('openSourceAt', { host }) : t('openSource')}
      </button>
    </li>
  );
}
