/**
 * A deterministic synthetic dataset at scale: the real entities plus generated people (Chinese
 * names with pinyin English names), organisations and models, with claims, so benchmarks see
 * realistic name lengths, shared prefixes and script mixes.
 */
import type { Claim, Dataset, Entity } from '@/data/format/schema';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉俊帆旸畅靖仁文灏永禹嘉泽宇航琳睿博昊然子轩浩晨欣怡思远志诚';
const ORG_HEADS = '星云智元深度光年零一万物月之暗面天工灵犀启明量子幻方蓝海极光北辰南山青松鲸鱼凤凰麒麟磐石';
const ORG_TAILS = ['科技', '智能', '资本', '实验室', '研究院', '集团', '网络', '数据', '机器人', '大模型'];
const PINYIN_SYLLABLES = [
  'wang',
  'li',
  'zhang',
  'liu',
  'chen',
  'yang',
  'huang',
  'zhao',
  'wu',
  'zhou',
  'xu',
  'sun',
  'ma',
  'zhu',
  'hu',
  'guo',
  'lin',
  'luo',
  'gao',
  'zheng',
  'xiao',
  'tian',
  'jun',
  'wei',
  'hong',
  'ming',
  'hui',
  'yu',
  'jia',
  'hao',
  'chang',
  'ren',
  'wen',
  'xin',
  'yi',
  'feng',
];

/** Mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: ArrayLike<T>): T => items[Math.floor(rand() * items.length)]!;
const capital = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/**
 * The base dataset grown to `entityCount` entities and `claimsPerEntity` claims each. It passes the
 * dataset checks like a real one: every 1,000 generated entities share an article that lists their
 * names, each mention quotes the entity's own name, and each claim quotes its subject's.
 */
export function syntheticDataset(base: Dataset, entityCount: number, claimsPerEntity = 3): Dataset {
  const rand = random(20261122);
  const entities: Entity[] = [...base.entities];
  // Every name already taken: a generated English name that repeats one is a weak namesake.
  const names = new Set(
    entities.flatMap((entity) => [
      entity.name,
      ...(entity.nameEn ? [entity.nameEn] : []),
      ...entity.aliases.map((a) => a.text),
    ]),
  );
  const orgIds: string[] = entities.filter((e) => e.kind === 'org').map((e) => e.id);
  for (let i = 0; entities.length < entityCount; i++) {
    const roll = rand();
    let entity: Entity;
    if (roll < 0.6) {
      const name = pick(rand, SURNAMES) + pick(rand, GIVEN) + (rand() < 0.7 ? pick(rand, GIVEN) : '');
      const english = `${capital(pick(rand, PINYIN_SYLLABLES))} ${capital(pick(rand, PINYIN_SYLLABLES))}${pick(rand, PINYIN_SYLLABLES)}`;
      if (names.has(name)) continue;
      // Namesakes are real: a repeated English name is weak (needs corroboration) rather than ambiguous.
      const namesake = names.has(english);
      names.add(english);
      entity = {
        id: `person:synthetic-${i}`,
        kind: 'person',
        name,
        nameEn: english,
        nameEnOrigin: 'knowledge',
        ...(namesake ? { nameEnWeak: true } : {}),
        aliases: [],
        description: '合成人物',
        mentions: [], // filled in below, with the entity's article
      };
    } else if (roll < 0.95) {
      const head = Array.from({ length: 2 + Math.floor(rand() * 2) }, () => pick(rand, ORG_HEADS)).join('');
      const name = head + pick(rand, ORG_TAILS);
      if (names.has(name)) continue;
      entity = {
        id: `org:synthetic-${i}`,
        kind: 'org',
        orgType: 'company',
        name,
        nameEn: `${capital(pick(rand, PINYIN_SYLLABLES))}${pick(rand, PINYIN_SYLLABLES)} ${pick(rand, ['AI', 'Tech', 'Labs', 'Capital'])} ${i}`,
        nameEnOrigin: 'knowledge',
        aliases: rand() < 0.3 ? [{ text: head, lang: 'zh-Hans', weak: true, origin: 'knowledge' }] : [],
        description: '合成机构',
        mentions: [], // filled in below, with the entity's article
      };
      orgIds.push(entity.id);
    } else {
      entity = {
        id: `model:synthetic-${i}`,
        kind: 'model',
        name: `${capital(pick(rand, PINYIN_SYLLABLES))}-${i}`,
        aliases: [],
        description: '合成模型',
        mentions: [], // filled in below, with the entity's article
      };
    }
    names.add(entity.name);
    entities.push(entity);
  }
  const articles = [...base.articles];
  const generated = entities.slice(base.entities.length);
  for (let start = 0; start < generated.length; start += 1000) {
    const group = generated.slice(start, start + 1000);
    const id = `synthetic-${start / 1000}`;
    articles.push({
      id,
      summary: '合成文章',
      published: { date: '2099-01', estimated: true, basis: 'synthetic' },
      script: 'zh-Hans',
      text: group.map((entity) => entity.name).join('、'),
    });
    for (const entity of group) entity.mentions = [{ article: id, quote: entity.name }];
  }
  const claims: Claim[] = [...base.claims];
  const people = entities.filter((e) => e.kind === 'person');
  for (let i = 0; claims.length < entities.length * claimsPerEntity; i++) {
    const person = people[i % people.length]!;
    const evidence = [person.mentions[0]!];
    const quote = evidence[0]!.quote;
    const from = pick(rand, orgIds);
    let to = pick(rand, orgIds);
    if (to === from) to = orgIds[(orgIds.indexOf(from) + 1) % orgIds.length]!;
    claims.push(
      rand() < 0.5
        ? {
            id: `claim:synthetic-${i}`,
            kind: 'move',
            subject: person.id,
            from,
            to,
            certainty: 'stated',
            date: { date: `20${10 + Math.floor(rand() * 15)}` },
            evidence,
          }
        : {
            id: `claim:synthetic-${i}`,
            kind: 'role',
            subject: person.id,
            org: pick(rand, orgIds),
            title: '技术负责人',
            status: 'current',
            certainty: 'reported',
            hedge: quote.slice(0, 2),
            evidence,
          },
    );
  }
  return { ...base, version: '2099.01.01', articles, entities, claims };
}
