/**
 * The marks a reader meets first, with the real dataset and lexicon: ordinary words on everyday
 * pages stay unmarked, and the same names on pages about the AI talent war are marked, for the
 * right entity, with weak names corroborated through the claims that link entities.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readBuildInput } from '@/data/build/build';
import { compileDataset } from '@/data/build/compile';
import { lexicon } from '@/data/build/lexicon';
import type { Dataset } from '@/data/format/schema';
import { Corroboration } from '@/utils/marking/corroboration';
import { compileMatcher } from '@/utils/matcher/compile';
import { foldText } from '@/utils/matcher/fold';
import { Matcher } from '@/utils/matcher/matcher';

let dataset: Dataset;
let matcher: Matcher;
let ids: string[];

beforeAll(() => {
  const built = compileDataset(readBuildInput());
  if (!built.ok) throw new Error('the dataset does not build');
  dataset = built.dataset;
  const compiled = compileMatcher(dataset.entities, dataset.version, {
    claims: dataset.claims,
    lexicon: lexicon().matcherLexicon(),
  });
  matcher = new Matcher(compiled);
  ids = dataset.entities.map((entity) => entity.id);
}, 30_000);

/** The marks on a page of these paragraphs, every kind marked: "name=entity id". */
function marks(...paragraphs: string[]): string[] {
  const corroboration = new Corroboration<number>(matcher, new Set('pom'));
  return paragraphs.flatMap((text, place) =>
    corroboration
      .add(place, matcher.scan(text))
      .map((mark) => `${paragraphs[mark.place]!.slice(mark.start, mark.end)}=${ids[mark.entity]}`),
  );
}

describe('ordinary words on everyday pages stay unmarked', () => {
  it.each([
    // Weak names whose Traditional or Simplified form the build used to make strong.
    ['fruit', '我买了一斤苹果，又买了两斤蘋果。'],
    ['a certainty', '这件事已经板上钉钉了，釘釘子的人也走了。'],
    ['a delayed flight', '因为天气原因，航班晚点了三个小时，機場廣播說航班晚點。'],
    ['an idiom', '两个人心有灵犀，心有靈犀一点通。'],
    ['a greeting', '我来了，我來晚了。'],
    ['a method', '这门课讲应用机器学习的方法，應用機器學習也很有用。'],
    // Strong names that are ordinary words.
    ['a novice', '我是个菜鸟，刚学会开车。'],
    ['an idiom with 百炼', '好钢要经过千锤百炼。'],
    ['an idiom with 必应', '这位老人对邻居有求必应。'],
    ['an album', '平克·弗洛伊德的专辑《月之暗面》发行于1973年，探测器拍到了月之暗面。'],
    ['a song', '她唱了一首《光年之外》，声音飘到光年之外。'],
    ['a wish', '毕业了，祝你前程无忧！'],
    ['a Secretary of State', '美国国务卿布林肯今天抵达北京。'],
    ['a common name', '他的邻居叫苏莱曼，是个厨师。'],
    ['a llama', 'The Llama on the farm ate the hay, and a llama spat.'],
    ['a transformer', 'The Transformer at the substation failed in the storm.'],
    ['a star sign', 'Gemini is the third sign of the zodiac.'],
    ['game theory', 'The MiniMax rule picks the move with the best worst case; minimax search is classic.'],
    ['a film director', 'Justin Lin directed several films in the Fast and Furious series.'],
    // Names inside other words.
    ['a company in Zhejiang', '浙江一家公司昨天上市了。'],
    ['a list', '这家公司罗列了十条理由。'],
    ['a singer', '刘宇宁的新歌上线了。'],
    ['a footballer', '张鹏飞打进了一个球。'],
    ['another 张勇', '海底捞的创始人张勇接受了采访。'],
    ['a best-seller', '本周畅销书排行榜出炉。'],
  ])('%s', (_, text) => {
    expect(marks(text)).toEqual([]);
  });
});

describe('the same names on pages about the AI talent war are marked', () => {
  it.each([
    [
      'Apple, corroborated by its strong name',
      ['苹果公司发布了新模型。', '苹果的团队在扩张。'],
      ['苹果公司=org:apple', '苹果=org:apple'],
    ],
    [
      'Meta, corroborated by Zuckerberg and LeCun (a founding, a move)',
      ['Meta 的首席科学家在巴黎演讲。', '扎克伯格和杨立昆都出席了。'],
      ['扎克伯格=person:mark-zuckerberg', 'Meta=org:meta', '杨立昆=person:yann-lecun'],
    ],
    [
      'Xiaomi, corroborated by Luo Fuli (she joined it)',
      ['雷军看好大模型。', '罗福莉加入小米后，小米的团队扩大了。'],
      ['雷军=person:lei-jun', '罗福莉=person:luo-fuli', '小米=org:xiaomi', '小米=org:xiaomi'],
    ],
    ['菜鸟 under Alibaba', ['阿里巴巴旗下的菜鸟也在用大模型。'], ['阿里巴巴=org:alibaba', '菜鸟=org:cainiao']],
    ['必应 beside Microsoft', ['微软把必应接入了大模型。'], ['微软=org:microsoft', '必应=model:bing']],
    ['百炼 on an Alibaba Cloud page', ['阿里云的百炼平台上线了。'], ['阿里云=org:alibaba-cloud', '百炼=model:bailian']],
    [
      '月之暗面 beside its founder',
      ['杨植麟创立了月之暗面。'],
      ['杨植麟=person:yang-zhilin', '月之暗面=org:moonshot-ai'],
    ],
    [
      '光年之外 beside its founder',
      ['王慧文创办了光年之外。'],
      ['王慧文=person:wang-huiwen', '光年之外=org:light-year'],
    ],
    ['布林 beside Google', ['谷歌联合创始人布林回来写代码了。'], ['谷歌=org:google', '布林=person:sergey-brin']],
    [
      '苏莱曼 beside DeepMind',
      ['DeepMind 联合创始人苏莱曼加入了微软。'],
      ['DeepMind=org:deepmind', '苏莱曼=person:mustafa-suleyman', '微软=org:microsoft'],
    ],
    ['张勇 on an Alibaba page', ['阿里巴巴前CEO张勇卸任。'], ['阿里巴巴=org:alibaba', '张勇=person:zhang-yong']],
    [
      'Llama beside Meta',
      ['Meta Platforms released Llama 2 and Llama.'],
      ['Meta Platforms=org:meta', 'Llama 2=model:llama-2', 'Llama=model:llama'],
    ],
    ['Gemini beside Google', ['Google launched Gemini.'], ['Google=org:google', 'Gemini=model:gemini']],
    ['MiniMax beside its founder', ['闫俊杰创立了MiniMax。'], ['闫俊杰=person:yan-junjie', 'MiniMax=org:minimax']],
    [
      'Justin Lin beside Qwen',
      ['Justin Lin leads Qwen at Alibaba.'],
      ['Qwen=model:qwen', 'Justin Lin=person:lin-junyang', 'Alibaba=org:alibaba'],
    ],
    [
      'a two-character name where the words around it end',
      ['江一表示，刘宇在会上发言，张鹏说了几句。'],
      ['江一=person:jiang-yi', '刘宇=person:liu-yu', '张鹏=person:zhang-peng'],
    ],
    [
      'weak Latin names as written, not the ordinary words beside them on the same page',
      ['ByteDance’s Seed team and its Flow unit.', 'Their seed funding and cash flow; meta-analysis.'],
      ['ByteDance=org:bytedance', 'Seed=org:bytedance-seed', 'Flow=org:bytedance-flow'],
    ],
    [
      'a guarded name, corroborated by the same name elsewhere',
      ['周畅加入字节跳动。', '上周畅谈时他说了很多。'],
      ['周畅=person:zhou-chang', '字节跳动=org:bytedance', '周畅=person:zhou-chang'],
    ],
  ])('%s', (_, paragraphs, expected) => {
    expect(marks(...paragraphs)).toEqual(expected);
  });
});

describe('the build keeps weak names weak', () => {
  it('gives every derived form of a weak name the weak flag, and the matcher sees it weak', () => {
    const strongDerived: string[] = [];
    for (const entity of dataset.entities) {
      const weak = new Set([
        ...(entity.nameWeak ? [foldText(entity.name)] : []),
        ...entity.aliases.filter((alias) => alias.weak && alias.origin !== 'derived').map((a) => foldText(a.text)),
      ]);
      for (const alias of entity.aliases) {
        if (alias.origin === 'derived' && weak.has(foldText(alias.text)) && !alias.weak) {
          strongDerived.push(`${entity.id} ${alias.text}`);
        }
      }
    }
    expect(strongDerived).toEqual([]);
    // 蘋果 and 苹果 fold to one key: weak, because every name behind it is.
    expect(matcher.scan('蘋果').flatMap((match) => match.candidates.map((c) => [ids[c.entity], c.weak]))).toEqual([
      ['org:apple', true],
    ]);
  });
});
