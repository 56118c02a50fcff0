#!/usr/bin/env python3
"""Check the ordinary-text corpus and (re)write its manifest.

Usage (from the repository root):
    python3 tests/corpus/ordinary/check_corpus.py                   # report only
    python3 tests/corpus/ordinary/check_corpus.py --write-manifest  # also rewrite manifest.json

It prints, per file and in total: characters (Unicode code points, newlines included) and CJK
ideographs; then how often each name or alias of the dataset (data/extraction/*.json: name,
nameEn, aliases[].text) occurs in the corpus (these are the collisions the corpus is meant to
exercise: every one of them is an ordinary word, not a reference); and finally any hit of the
REFERENCES list below, which must be empty: the corpus must not be about the dataset's companies,
products or people. Traditional files are also checked after conversion to Simplified when the
`opencc` command is installed (Debian package opencc).
"""

import glob
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))

# Strings that would only appear in a text that refers to the dataset's companies, products or
# people (Latin ones matched as whole words, case-sensitively: LLaMA, not a llama on a farm).
# Any hit is printed with its context and makes the script exit non-zero.
REFERENCES = [
    '阿里巴巴', '字节跳动', '阿里云', '通义', '千问', 'Qwen', 'ByteDance', 'Alibaba', '华为', '百度', '腾讯',
    '谷歌', '微软', 'OpenAI', '扎克伯格', '马斯克', '雷军', '马云', '张一鸣', '小米公司', '小米集团', '苹果公司',
    '抖音', '淘宝', '天猫', '支付宝', '蚂蚁集团', '今日头条', '网易', '英伟达', '讯飞', '清华', '斯坦福', '达摩院',
    '豆包App', '火山引擎', '微信', 'Google', 'Microsoft', 'Huawei', 'Baidu', 'Tencent', 'Xiaomi', 'iPhone', 'iPad',
    'Apple Inc', 'TikTok', 'Douyin', 'Facebook', 'Instagram', 'Zuckerberg', 'Musk', 'LeCun', 'Hinton', 'DeepMind',
    'DeepSeek', 'ChatGPT', 'GPT', 'Nvidia', 'NVIDIA', 'Stanford', 'Tsinghua', 'LinkedIn', 'Oculus', 'Roblox',
    'Llama 2', 'LLaMA', 'Moonshot', 'Anthropic',
]
# Hits of REFERENCES that were read and are not references (the file and the line's words).
ALLOWED = {
    # 辛弃疾《青玉案·元夕》 "众里寻他千百度" would be one; listed here if the selection ever includes it.
}


def lang_of(name: str) -> str:
    if name.startswith('en-'):
        return 'en'
    if name.startswith('zh-hant-'):
        return 'zh-Hant'
    return 'zh-Hans'


def origin_of(name: str) -> str:
    return 'public-domain' if '-pd-' in name else 'original'


def cjk(text: str) -> int:
    return sum(1 for c in text if '\u4e00' <= c <= '\u9fff' or '\u3400' <= c <= '\u4dbf')


def dataset_names() -> list[str]:
    names: set[str] = set()
    for path in glob.glob(os.path.join(ROOT, 'data', 'extraction', '*.json')):
        with open(path, encoding='utf-8') as f:
            data = json.load(f)
        for entity in data.get('entities', []):
            for key in ('name', 'nameEn'):
                if entity.get(key):
                    names.add(entity[key])
            for alias in entity.get('aliases', []) or []:
                text = alias.get('text') if isinstance(alias, dict) else alias
                if text:
                    names.add(text)
    return sorted(names)


def to_simplified(text: str) -> str | None:
    if not shutil.which('opencc'):
        return None
    return subprocess.run(['opencc', '-c', 't2s.json'], input=text, capture_output=True, text=True, check=True).stdout


def pattern(name: str, ignore_case: bool = True) -> re.Pattern[str]:
    """Latin names as whole words (in any case, unless told); Chinese names anywhere."""
    if re.search(r'[A-Za-z0-9]', name) and not re.search(r'[\u3400-\u9fff]', name):
        flags = re.IGNORECASE if ignore_case else 0
        return re.compile(r'(?<![A-Za-z0-9])' + re.escape(name) + r'(?![A-Za-z0-9])', flags)
    return re.compile(re.escape(name))


def main() -> int:
    files = sorted(glob.glob(os.path.join(HERE, '*.txt')))
    texts: dict[str, str] = {}
    manifest = []
    totals: dict[tuple[str, str], list[int]] = {}
    print(f'{"file":45} {"lang":8} {"origin":14} {"chars":>8} {"CJK":>7}')
    for path in files:
        name = os.path.basename(path)
        with open(path, encoding='utf-8') as f:
            text = f.read()
        texts[name] = text
        entry = {'file': name, 'lang': lang_of(name), 'origin': origin_of(name), 'chars': len(text)}
        manifest.append(entry)
        t = totals.setdefault((entry['lang'], entry['origin']), [0, 0, 0])
        t[0] += 1
        t[1] += len(text)
        t[2] += cjk(text)
        print(f'{name:45} {entry["lang"]:8} {entry["origin"]:14} {len(text):8d} {cjk(text):7d}')
    print()
    for (lang, origin), (n, chars, ideographs) in sorted(totals.items()):
        print(f'total {lang:8} {origin:14} files={n:3d} chars={chars:8d} CJK={ideographs:7d}')
    print(f'total all: files={len(files)} chars={sum(len(t) for t in texts.values())}')

    # The Traditional files are matched as written and, with opencc, in Simplified too.
    searchable = dict(texts)
    for name, text in texts.items():
        if lang_of(name) == 'zh-Hant':
            simplified = to_simplified(text)
            if simplified is not None:
                searchable[name + ' (t2s)'] = simplified

    print('\nDataset names and aliases occurring in the corpus (collisions):')
    for dname in dataset_names():
        pat = pattern(dname)
        per_file = {f: len(pat.findall(t)) for f, t in searchable.items()}
        per_file = {f: n for f, n in per_file.items() if n}
        if per_file:
            total = sum(per_file.values())
            where = ', '.join(f'{f}:{n}' for f, n in sorted(per_file.items()))
            print(f'  {dname!r:28} {total:4d}  {where}')

    print('\nReference check:')
    bad = 0
    for ref in REFERENCES:
        pat = pattern(ref, ignore_case=False)
        for f, t in searchable.items():
            for m in pat.finditer(t):
                context = t[max(0, m.start() - 20) : m.end() + 20].replace('\n', ' / ')
                if (f, ref) in ALLOWED:
                    print(f'  allowed {ref!r} in {f}: ...{context}...')
                    continue
                bad += 1
                print(f'  HIT {ref!r} in {f}: ...{context}...')
    print('  none' if bad == 0 else f'  {bad} hit(s)')

    if '--write-manifest' in sys.argv:
        out = os.path.join(HERE, 'manifest.json')
        lines = ['[']
        for i, e in enumerate(manifest):
            comma = ',' if i < len(manifest) - 1 else ''
            lines.append('  ' + json.dumps(e, ensure_ascii=False).replace('{', '{ ').replace('}', ' }') + comma)
        lines.append(']')
        with open(out, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')
        print(f'\nwrote {os.path.relpath(out, ROOT)} ({len(manifest)} files)')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
