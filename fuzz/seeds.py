#!/usr/bin/env python3
"""Writes the seed corpus in fuzz/corpus/<target>/ (README, Development: `make fuzz`).

Seeds are small inputs that already reach each loader's branches: the demo articles, the
examples of docs/FORMAT.md, JSON-LD as publishers write it, links with tracking parameters,
fragments and international names. Reproducers of fixed crashes are kept beside them by name
(`regression-*`) and are not touched here. Run from the repository root: python3 fuzz/seeds.py
"""

import json
import os
import random
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def format_example():
    """The native example of docs/FORMAT.md."""
    text = read("docs/FORMAT.md")
    block = re.search(r"```json\n(.*?)```", text, re.S).group(1)
    return block.replace("…", "نص")


def generated(seed, size=300):
    """An input for a target's generator: a zero byte, then bytes that drive it."""
    rng = random.Random(seed)
    return b"\0" + bytes(rng.randrange(256) for _ in range(size))


MINIMAL = {"headline": "عنوان", "blocks": [{"type": "paragraph", "text": "نص"}]}

NATIVE = {
    "seed.json": read("demo/articles/seed.json"),
    "en.json": read("demo/articles/en.json"),
    "format-example.json": format_example(),
    "minimal.json": compact(MINIMAL),
    "every-block.json": compact({
        "lang": "en-GB", "dir": "ltr", "url": "https://ex.com/a?utm_source=x#top",
        "kicker": "Live", "headline": "  Padded headline  ", "standfirst": "",
        "published": "2026-11-28T10:00:00Z", "byline": "A, B",
        "blocks": [
            {"type": "heading", "text": "H"},
            {"type": "quote", "text": "Q", "cite": "C"},
            {"type": "quote", "text": "Q2", "cite": None},
            {"type": "figure", "src": "img/a.jpg", "alt": "alt", "caption": "cap", "credit": "cr",
             "width": "1200", "height": 675.0,
             "srcset": [{"src": "img/a-640.jpg", "width": 640}, {"src": "img/a.jpg", "width": "1200"}]},
            {"type": "video", "src": "v.mp4"},
            {"type": "paragraph", "text": "P", "x-later": {"nested": [1, 2, {"deep": True}]}},
        ],
        "x-unknown": [None, False, 1e308, -0.0, "\u202e"],
    }),
    "errors-wrong-types.json": compact({"headline": 1, "blocks": {"type": "paragraph"}}),
    "errors-block.json": compact({"headline": "h", "blocks": [{"type": "figure", "src": 3, "width": 0}]}),
    "errors-lang.json": compact({"lang": "x-", "headline": "h", "blocks": [{"type": "heading", "text": "t"}]}),
    "unknown-deep.json": '{"x":' + "[" * 200 + "]" * 200 + ',"headline":"h","blocks":[{"type":"paragraph","text":"p"}]}',
    "known-deep.json": '{"headline":' + "[" * 100 + "]" * 100 + ',"blocks":[]}',
    "not-json.txt": '{"headline": "h", blocks: []',
    "top-level-array.json": "[1, 2, 3]",
    "escapes.json": '{"headline":"\\u0000\\ud83d\\ude00\\n","blocks":[{"type":"paragraph","text":"\\u2028 \\t"}]}',
    "generated-1": generated(1),
    "generated-2": generated(2, 600),
}

GRAPH = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebPage", "@id": "https://ex.com/p"},
        {"@type": "NewsArticle", "headline": "عنوان", "inLanguage": "ar-EG",
         "description": "مقدمة", "datePublished": "2026-11-28T10:00:00+02:00",
         "author": [{"@type": "Person", "name": "أحمد"}, "منى"],
         "mainEntityOfPage": {"@id": "https://ex.com/news/1"},
         "image": {"@type": "ImageObject", "url": "https://ex.com/1.jpg", "caption": "تعليق",
                   "width": 1200, "height": "675"},
         "articleBody": "الأولى\n\nالثانية\r\n\r\nالثالثة"},
    ],
}

BLOG = [
    {"@type": "Organization", "name": "Ex"},
    {"@type": ["BlogPosting"], "headline": "H", "inLanguage": "en",
     "author": [{"name": "Ann"}, {"name": "Bo"}], "articleBody": "Body",
     "image": ["a.jpg", "a-4x3.jpg"]},
]

YOAST = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "Article", "@id": "https://ex.com/a/#article", "isPartOf": {"@id": "https://ex.com/a/"},
         "author": {"name": "Editor", "@id": "https://ex.com/#/schema/person/1"},
         "headline": "Workshop &#8211; day one", "datePublished": "2026-11-28T08:00:00+00:00",
         "mainEntityOfPage": {"@id": "https://ex.com/a/"}, "wordCount": 420,
         "image": {"@id": "https://ex.com/a/#primaryimage"}, "inLanguage": "en_US",
         "articleBody": "<p>First &amp; foremost.</p>\n\n<p>Second&nbsp;one.</p>"},
        {"@type": "ImageObject", "@id": "https://ex.com/a/#primaryimage", "inLanguage": "en-US",
         "url": "https://ex.com/img.jpg", "contentUrl": "https://ex.com/img.jpg", "width": 1200, "height": 630},
    ],
}

IMAGES = {
    "@type": "NewsArticle", "headline": {"@value": "قيمة"}, "name": "اسم",
    "alternativeHeadline": ["", "بديل"], "url": "https://ex.com/n?fbclid=1",
    "inLanguage": {"@type": "Language", "alternateName": "ar"},
    "author": {"@type": "Organization", "name": "الوكالة"},
    "image": [
        {"@type": "ImageObject", "url": "https://ex.com/a-640.jpg", "width": "640px", "height": {"value": 360}},
        {"@type": "ImageObject", "contentUrl": "https://ex.com/a-1200.jpg", "width": 1200.5,
         "copyrightHolder": {"name": "مصور"}, "creditText": ""},
        {"@list": ["https://ex.com/b.jpg"]},
    ],
    "articleBody": "  \n\nسطر\nمتصل\n\n\n\nفقرة ثانية  ",
}

JSONLD = {
    "graph.json": compact(GRAPH),
    "blog-array.json": compact(BLOG),
    "yoast.json": compact(YOAST),
    "images.json": compact(IMAGES),
    "recipe.json": compact({"@context": "https://schema.org", "@type": "Recipe", "name": "x"}),
    "typed-url.json": compact({"@type": "https://schema.org/ReportageNewsArticle", "headline": "h", "articleBody": "b"}),
    "empty-graph.json": compact({"@graph": []}),
    "og-only": b"[]\0og:title=T\0og:image=https://ex.com/i.jpg\0og:image:alt=alt\0og:image:width=1200\0og:locale=ar_EG",
    "og-fills": compact({"@type": "NewsArticle", "headline": "من JSON-LD", "articleBody": "نص"}).encode()
        + b"\0og:title=OG\0og:description=\xd9\x88\xd8\xb5\xd9\x81\0og:url=https://ex.com/a?utm_medium=x\0og:locale=en_GB",
    "two-blocks": compact({"@type": "WebSite"}).encode() + b"\0" + compact(GRAPH).encode(),
    "bad-locale": compact(BLOG).encode() + b"\0og:locale=not a tag",
    "generated-1": generated(11),
    "generated-2": generated(12, 600),
}

LINKS = {
    "utm.txt": "https://ex.com/news/1?id=7&utm_source=fb&UTM_MEDIUM=x&fbclid=abc&gclid=1#comments",
    "only-utm.txt": "https://ex.com/a?utm_campaign=x",
    "arabic-path.txt": "https://ex.com/أخبار/مقال?utm_source=x\0عنوان المقال\0حملة",
    "percent-path.txt": "https://ex.com/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1#x",
    "idn.txt": "https://مثال.مصر/خبر?ref=home&utm_term=y\0one two three four five six seven eight nine-ten, eleven",
    "punycode.txt": "HTTPS://xn--mgbh0fb.xn--wgbh1c:8443/a;b?q=1&&&q=2#frag",
    "text-fragment.txt": "https://ex.com/a#:~:text=old\0short & sweet - yes",
    "userinfo.txt": "https://user:pass@ex.com/a",
    "disguised-host.txt": "https://news.ex.com@evil.ex/",
    "javascript.txt": "javascript:alert(1)\0/relative\0https://ex.com/fallback?mc_cid=1",
    "spaces.txt": "  http://ex.com/a b?x=1 \t",
    "query-only.txt": "http://ex.com?",
    "control.txt": "http://ex.com/\u0007a",
    "empty-parts.txt": "\0\0",
}

RENDER = {
    "seed.json": NATIVE["seed.json"],
    "en.json": NATIVE["en.json"],
    "every-block.json": NATIVE["every-block.json"],
    "hostile.json": compact({
        "headline": "</script><script>alert(1)</script>",
        "url": "https://ex.com/a?x=\"><b>",
        "kicker": "&lt;b&gt; & &amp;",
        "byline": "<!-- -->",
        "published": "2026-02-30T00:00:00Z",
        "blocks": [
            {"type": "paragraph", "text": "<!-- <img src=x onerror=alert(1)> &amp;"},
            {"type": "figure", "src": "javascript:alert(1)", "caption": "<i>c</i>"},
            {"type": "figure", "src": " java\tscript:alert(1)", "alt": "\" onerror=\"x"},
            {"type": "figure", "src": "data:image/png;base64,AAAA", "credit": "</figcaption>",
             "srcset": [{"src": "a b,c.jpg", "width": 1}, {"src": "data:text/html,x", "width": 2}]},
            {"type": "quote", "text": "\u2028\u2029", "cite": "</cite>"},
        ],
    }),
    "graph.json": JSONLD["graph.json"],
    "options": compact(MINIMAL).encode() + "\x00en\x00https://ex.com/s?utm_source=q#f\x00spring \"sale\"\x005000\x00".encode(),
    "options-no-link": compact(MINIMAL).encode() + b"\0\0javascript:x\0\0abc",
}


def write(target, seeds):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if not name.startswith("regression-"):
            os.remove(os.path.join(folder, name))
    for name, data in seeds.items():
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    for target, seeds in [("native", NATIVE), ("jsonld", JSONLD), ("links", LINKS), ("render", RENDER)]:
        write(target, seeds)
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(CORPUS) for f in fs)
    print(f"fuzz/corpus: {total} bytes")
