/**
 * `npm run data:report`: what the dataset holds and where it may have gaps: counts by kind, claims
 * per article and per entity, claims without a time, inferred and ended claims, each entity's
 * newest source (the stalest first), and, per article, names in the text that no entity covers (a
 * heuristic scan: expect some noise, and judge each line).
 */
import { fileURLToPath } from 'node:url';
import { compileMatcher } from '../../utils/matcher/compile';
import { Matcher } from '../../utils/matcher/matcher';
import { claimRefs, claimTimes } from '../format/claims';
import type { Dataset } from '../format/schema';
import { dataDirFromArgs, readBuildInput } from './build';
import { foldForComparison, simplify } from './chinese';
import { compileDataset } from './compile';
import { formatProblem } from './format-problem';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤鄢薄邢乐毕漆闫司葉';
/** Words after which a name often stands, and after which one often ends. */
const BEFORE = '，。、：；（(“"的是和与及由被让将把向对从任长监裁人士员师手者友起据';
const AFTER = '，。、：；）)”"的是在曾也说称表示认为回忆透露毕业加入离开出任担任创立等和与都已被则就';
const ORG_SUFFIXES = [
  '公司',
  '集团',
  '实验室',
  '研究院',
  '大学',
  '资本',
  '科技',
  '智能',
  '新闻',
  '财经',
  '杂志',
  '基金',
  '银行',
];
/** Characters that do not occur in names but do in the phrases around them. */
const FUNCTION_CHARS =
  /[这那个的了一多些各每其他她们所对于是在有为与和及等都也就被将从到更最新该此该们里中上下大小同不没已要会能可把让向]/u;

export interface Gap {
  article: string;
  text: string;
  count: number;
}

/** Candidate names in an article that no entity's names cover. */
export function uncoveredNames(dataset: Dataset, matcher: Matcher): Gap[] {
  const gaps: Gap[] = [];
  const known = dataset.entities.flatMap((entity) =>
    [entity.name, entity.nameEn ?? '', ...entity.aliases.map((alias) => alias.text)]
      .filter(Boolean)
      .map(foldForComparison),
  );
  const covered = (candidate: string) => {
    const folded = foldForComparison(candidate);
    return known.some((name) => name.includes(folded)) || matcher.scan(candidate).length > 0;
  };
  for (const article of dataset.articles) {
    const text = simplify(article.text.replace(/\([a-zàáǎāèéěēìíǐīòóǒōùúǔūǖǘǚǜü]+\)/g, ''));
    const counts = new Map<string, number>();
    const add = (candidate: string) => {
      if (!covered(candidate)) counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
    };
    // Chinese personal names: a surname and one or two characters, between telling neighbours.
    const person = new RegExp(`(?<=^|[${BEFORE}\\s])[${SURNAMES}][\\p{Script=Han}]{1,2}(?=[${AFTER}])`, 'gu');
    for (const match of text.matchAll(person)) add(match[0]);
    // Organisations: two to five characters after a boundary and before a typical suffix.
    for (const suffix of ORG_SUFFIXES) {
      const org = new RegExp(`(?<=^|[${BEFORE}了在\\s])[\\p{Script=Han}A-Za-z]{2,5}${suffix}`, 'gu');
      for (const match of text.matchAll(org))
        if (!FUNCTION_CHARS.test(match[0].slice(0, -suffix.length))) add(match[0]);
    }
    // Latin names: capitalised words and phrases (Armand Joulin, Mistral AI, LinkedIn).
    for (const match of article.text.matchAll(/\b[A-Z][A-Za-z0-9.]*(?:[ -][A-Z][A-Za-z0-9.]*)*\b/g)) {
      if (
        match[0].length >= 3 &&
        !/^(AI|AGI|GPU|CEO|CTO|HR|API|PPT|NLP|CV|IM|KPI|APP|App|VR|XR|PC|MRI|Q\d)$/.test(match[0])
      ) {
        add(match[0]);
      }
    }
    for (const [candidate, count] of counts) gaps.push({ article: article.id, text: candidate, count });
  }
  return gaps;
}

export function report(dataset: Dataset): string {
  const lines: string[] = [];
  const tally = <T>(items: T[], key: (item: T) => string) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  };
  lines.push(
    `Dataset ${dataset.version}: ${dataset.articles.length} articles, ${dataset.entities.length} entities, ${dataset.claims.length} claims`,
  );
  lines.push(
    `Entities by kind: ${tally(dataset.entities, (e) => e.kind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  lines.push(
    `Claims by kind: ${tally(dataset.claims, (c) => c.kind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  lines.push(
    `Claims by certainty: ${tally(dataset.claims, (c) => c.certainty)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  lines.push('', 'Claims per article (by first evidence):');
  for (const [article, n] of tally(dataset.claims, (c) => c.evidence[0]!.article)) lines.push(`  ${article}: ${n}`);

  const perEntity = new Map<string, number>();
  for (const claim of dataset.claims) perEntity.set(claim.subject, (perEntity.get(claim.subject) ?? 0) + 1);
  const people = dataset.entities.filter((e) => e.kind === 'person');
  lines.push('', 'Claims per person (as subject):');
  for (const person of [...people].sort((a, b) => (perEntity.get(b.id) ?? 0) - (perEntity.get(a.id) ?? 0))) {
    lines.push(`  ${String(perEntity.get(person.id) ?? 0).padStart(3)}  ${person.name} (${person.id})`);
  }

  lines.push(...timeReport(dataset));

  const matcher = new Matcher(compileMatcher(dataset.entities, dataset.version));
  const gaps = uncoveredNames(dataset, matcher);
  lines.push('', `Possible names no entity covers (heuristic; ${gaps.length}):`);
  for (const article of dataset.articles) {
    const mine = gaps.filter((gap) => gap.article === article.id).sort((a, b) => b.count - a.count);
    lines.push(
      `  ${article.id}: ${mine.map((gap) => (gap.count > 1 ? `${gap.text}×${gap.count}` : gap.text)).join('  ') || '(none)'}`,
    );
  }
  return lines.join('\n');
}

/**
 * The dataset's times: claims that give none (a card shows them as of their article's date), the
 * inferred ones, the ended ones, and each entity's newest source, the stalest first: what a
 * curator should bring up to date.
 */
export function timeReport(dataset: Dataset): string[] {
  const lines: string[] = [];
  const published = new Map(dataset.articles.map((article) => [article.id, article.published]));
  const articleDate = (id: string) => {
    const date = published.get(id);
    return date ? `${date.date}${date.estimated ? ' (estimated)' : ''}` : '?';
  };
  const undated = dataset.claims.filter((claim) => claimTimes(claim).length === 0);
  lines.push('', `Claims without a time (as of their article's date): ${undated.length} of ${dataset.claims.length}`);
  for (const claim of undated) lines.push(`  ${claim.id}  as of ${articleDate(claim.evidence[0]!.article)}`);

  const inferred = dataset.claims.filter((claim) => claim.certainty === 'inferred');
  lines.push('', `Inferred claims: ${inferred.length}`);
  for (const claim of inferred) lines.push(`  ${claim.id}: ${claim.note ?? ''}`);

  const ended = dataset.claims.filter(
    (claim) => claim.kind === 'role' && (claim.status === 'former' || claim.end !== undefined),
  );
  lines.push('', `Ended roles: ${ended.length}`);
  for (const claim of ended) {
    if (claim.kind !== 'role') continue;
    lines.push(`  ${claim.id}: ${claim.end ? `until ${claim.end.date}` : 'former, no end date'}`);
  }

  // Every article that speaks of an entity: its mentions, and the claims that name it.
  const sources = new Map<string, Set<string>>();
  const add = (entity: string, article: string) => {
    const set = sources.get(entity) ?? new Set<string>();
    set.add(article);
    sources.set(entity, set);
  };
  for (const entity of dataset.entities) for (const mention of entity.mentions) add(entity.id, mention.article);
  for (const claim of dataset.claims) {
    for (const id of claimRefs(claim)) for (const evidence of claim.evidence) add(id, evidence.article);
  }
  const newest = dataset.entities.map((entity) => {
    const dates = [...(sources.get(entity.id) ?? [])].map((article) => published.get(article)?.date ?? '');
    return { entity, date: dates.sort().at(-1) ?? '' };
  });
  newest.sort((a, b) => a.date.localeCompare(b.date) || a.entity.id.localeCompare(b.entity.id));
  lines.push('', 'Newest source per entity (the stalest first):');
  for (const { entity, date } of newest) lines.push(`  ${date || '?'}  ${entity.name} (${entity.id})`);
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = compileDataset(readBuildInput(dataDirFromArgs(process.argv.slice(2))));
  if (!result.ok) {
    console.error('The dataset does not build; fix these first (npm run data:build):');
    for (const problem of result.problems) console.error(`  ${formatProblem(problem)}`);
    process.exit(1);
  }
  console.log(report(result.dataset));
}
