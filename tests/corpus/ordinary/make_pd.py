#!/usr/bin/env python3
"""Regenerate the two public-domain files of the ordinary corpus from Debian packages.

    apt-get install bible-kjv-text fortunes-zh     # bible-kjv-text pulls in bible-kjv (the `bible` reader)
    python3 tests/corpus/ordinary/make_pd.py

Writes en-pd-kjv.txt and zh-pd-classical-poetry.txt beside this script. The selection and the
changes made to the text are described in README.md; this script is the exact procedure.
Made with bible-kjv-text 4.38 and fortunes-zh 2.98 (Debian 12).
"""

import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))

# King James Version: whole chapters, in this order, read with `bible -f <range>`.
KJV = [
    ('Genesis', 'Genesis1:1-11:32'),
    ('Ruth', 'Ruth1:1-4:22'),
    ('Esther', 'Esther1:1-10:3'),
    ('Jonah', 'Jonah1:1-4:11'),
    ('Ecclesiastes', 'Ecclesiastes1:1-12:14'),
    ('The Song of Solomon', 'Song1:1-8:14'),
    ('Proverbs', 'Proverbs1:1-10:32'),
]

FORTUNES = '/usr/share/games/fortunes'
# From the mixed file `chinese`, only entries attributed "-- 作者《题目》" to these ci poets of the
# Five Dynasties and the Song (10th to early 14th century; the latest, 蒋捷, died after 1305); the
# rest of that file (Debian documentation, modern authors, proverbs, other quotations) is not used.
CI_POETS = [
    '李清照', '柳永', '晏殊', '晏几道', '秦观', '周邦彦', '姜夔', '蒋捷', '张先', '李之仪', '范仲淹', '贺铸',
    '李煜', '冯延巳', '欧阳修',
]


def kjv() -> str:
    out: list[str] = []
    for book, verses in KJV:
        text = subprocess.run(['bible', '-f', verses], capture_output=True, text=True, check=True).stdout
        chapter = None
        for line in filter(str.strip, text.split('\n')):
            m = re.match(r'^[1-3]?[A-Za-z]+(\d+):(\d+) (.*)$', line)
            if not m:
                raise ValueError(f'unexpected line from bible: {line!r}')
            if int(m.group(1)) != chapter:
                chapter = int(m.group(1))
                out.append(f'{book} {chapter}')
            out.append(m.group(3).strip())  # the verse without its reference
    return '\n'.join(out) + '\n'


def fortune_entries(name: str) -> list[str]:
    with open(os.path.join(FORTUNES, name), encoding='utf-8') as f:
        text = f.read()
    text = re.sub(r'\x1b\[[0-9;]*m', '', text)  # the files colour titles and authors with ANSI codes
    return text.split('\n%\n')


def poetry() -> str:
    out: list[str] = []
    for name, heading in (('tang300', '【唐诗三百首】'), ('song100', '【宋诗选】')):
        out.append(heading)
        for entry in fortune_entries(name):
            out.extend(line.strip() for line in entry.split('\n') if line.strip() and line.strip() != '%')
    out.append('【宋词及五代词选】')
    seen: set[str] = set()
    for entry in fortune_entries('chinese'):
        lines = [line.strip() for line in entry.split('\n') if line.strip()]
        if not lines:
            continue
        m = re.match(r'^--\s*([^《\s]{1,6})《(.+)》$', lines[-1])
        if not m or m.group(1) not in CI_POETS or any(line.startswith('--') for line in lines[:-1]):
            continue
        body = ''.join(lines[:-1])  # the fortune's fixed-width line wrapping is undone: one ci, one line
        if body in seen:
            continue
        seen.add(body)
        out.extend([body, lines[-1]])
    return '\n'.join(out) + '\n'


def main() -> None:
    for name, text in (('en-pd-kjv.txt', kjv()), ('zh-pd-classical-poetry.txt', poetry())):
        with open(os.path.join(HERE, name), 'w', encoding='utf-8') as f:
            f.write(text)
        print(f'wrote {name}: {len(text)} characters')


if __name__ == '__main__':
    main()
