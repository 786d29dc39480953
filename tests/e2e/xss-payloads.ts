/**
 * XSS payloads for tests/e2e/xss.test.ts. Each one, if the app ever turned it into markup or code,
 * would set `top.__xss` / `window.__xss` or open a dialog (alert/confirm/prompt), which the test
 * detects. Mixed case, encoded and namespace variants are generated from a base list so the
 * corpus stays readable.
 */
import { labelIdProblem } from '../../src/domain/labelIds';

const S = 'top.__xss=1';

/** Hand-written payloads: the classic families. */
const BASE: string[] = [
  // classic <script>
  `<script>${S}</script>`,
  `<script>alert(1)</script>`,
  `<script src="data:text/javascript,${S}"></script>`,
  `<script>window.__xss=1</script>`,
  `<script type="module">${S}</script>`,
  `<script>confirm(1)</script>`,
  `<script>prompt(1)</script>`,
  `<script\n>${S}</script\n>`,
  `<<script>${S};//<</script>`,
  `<scr<script>ipt>${S}</scr</script>ipt>`,
  // event handlers
  `<img src=x onerror=${S}>`,
  `<img src=x onerror="alert(1)">`,
  `<img src="x" onerror="${S}">`,
  `<img/src=x/onerror=${S}>`,
  `<image src=x onerror=${S}>`,
  `<svg onload=${S}>`,
  `<svg/onload=alert(1)>`,
  `<svg><script>${S}</script></svg>`,
  `<body onload=${S}>`,
  `<input autofocus onfocus=${S}>`,
  `<details open ontoggle=${S}>`,
  `<video><source onerror=${S}></video>`,
  `<audio src=x onerror=${S}>`,
  `<marquee onstart=${S}>`,
  `<select autofocus onfocus=${S}>`,
  `<textarea autofocus onfocus=${S}>`,
  `<object data="javascript:${S}">`,
  `<embed src="javascript:${S}">`,
  `<style onload=${S}></style>`,
  `<link rel=stylesheet href=x onerror=${S}>`,
  `<div onmouseover=${S} style="position:fixed;inset:0">x</div>`,
  `<p onclick=${S}>click</p>`,
  `<p style="x" onmouseover="${S}">ProseMirror paragraph</p>`,
  `<span data-annotation-ids="x" onmouseenter=${S}>span</span>`,
  `<mark onmouseover=${S}>mark</mark>`,
  `<h1 onclick=${S}>heading</h1>`,
  `<strong onpointerover=${S}>bold</strong>`,
  // javascript: and data: URLs
  `javascript:${S}`,
  `javascript:alert(1)`,
  `JaVaScRiPt:${S}`,
  `java\tscript:${S}`,
  `&#106;avascript:${S}`,
  `<a href="javascript:${S}">link</a>`,
  `<a href="jav&#x09;ascript:${S}">link</a>`,
  `<a href="data:text/html,<script>${S}</script>">data</a>`,
  `data:text/html;base64,PHNjcmlwdD50b3AuX194c3M9MTwvc2NyaXB0Pg==`,
  `<iframe src="javascript:${S}"></iframe>`,
  `<iframe src="data:text/html,<script>parent.__xss=1</script>"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<iframe srcdoc="&lt;img src=x onerror=parent.__xss=1&gt;"></iframe>`,
  `<form action="javascript:${S}"><button>go</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${S}">`,
  `<base href="javascript:${S}//">`,
  // attribute breaking
  `"><img src=x onerror=${S}>`,
  `'><img src=x onerror=${S}>`,
  `" onmouseover="${S}" x="`,
  `' onfocus='${S}' autofocus='`,
  `" autofocus onfocus="${S}`,
  `"><svg onload=${S}>`,
  `\`><img src=x onerror=${S}>`,
  `"/><script>${S}</script>`,
  // element breakouts
  `</style><script>${S}</script>`,
  `</style><img src=x onerror=${S}>`,
  `</textarea><script>${S}</script>`,
  `</title><script>${S}</script>`,
  `</title><img src=x onerror=${S}>`,
  `</script><script>${S}</script>`,
  `</noscript><img src=x onerror=${S}>`,
  `</xmp><img src=x onerror=${S}>`,
  `</blockquote><img src=x onerror=${S}>`,
  `</mark></span></p><img src=x onerror=${S}>`,
  `--><img src=x onerror=${S}>`,
  `<!--<img src="--><img src=x onerror=${S}//">`,
  `]]><img src=x onerror=${S}>`,
  // CSS
  `<style>@import "javascript:${S}";</style>`,
  `<div style="width:expression(${S})">css</div>`,
  `x{background:url("javascript:${S}")}`,
  `}</style><script>${S}</script><style>{`,
  `<style>*{background:url(//evil.example/x)}</style>`,
  // templates
  `{{constructor.constructor('${S}')()}}`,
  `\${${S}}`,
  `\${alert(1)}`,
  `#{${S}}`,
  `<%= ${S} %>`,
  `{{${S}}}`,
  `<template><img src=x onerror=${S}></template>`,
  // namespace tricks and parser confusion
  `<math><mtext><table><mglyph><style><img src=x onerror=${S}>`,
  `<svg><style><img src=x onerror=${S}></style></svg>`,
  `<math><maction actiontype="statusline" xlink:href="javascript:${S}">x</maction></math>`,
  `<svg><a xlink:href="javascript:${S}"><text y="20">x</text></a></svg>`,
  `<svg><animate onbegin=${S} attributeName=x dur=1s>`,
  `<svg><set onbegin=${S} attributeName=x>`,
  `<noscript><p title="</noscript><img src=x onerror=${S}>">`,
  `<form><math><mtext></form><form><mglyph><style></math><img src=x onerror=${S}>`,
  `<table><td background="javascript:${S}">`,
  `<isindex type=image src=1 onerror=${S}>`,
  `<object data="data:text/html,<script>parent.__xss=1</script>"></object>`,
  // encoded variants
  `\\u003cscript\\u003e${S}\\u003c/script\\u003e`,
  `&lt;script&gt;${S}&lt;/script&gt;`,
  `%3Cscript%3E${S}%3C/script%3E`,
  `\\x3cimg src=x onerror=${S}\\x3e`,
  `<img src=x onerror=&#116;&#111;&#112;.__xss=1>`,
  `<img src=x onerror=\\u0074op.__xss=1>`,
  `<img src=x onerror=eval(atob('dG9wLl9feHNzPTE='))>`,
  `＜script＞${S}＜/script＞`,
  `<img src=x onerror=top['__x'+'ss']=1>`,
];

/** Upper/mixed-case variants of some tags: a filter that matches only lower case misses them. */
function mixedCase(s: string): string {
  let upper = false;
  return s.replace(/<\/?[a-z]+/g, (tag) => tag.replace(/[a-z]/g, (c) => ((upper = !upper) ? c.toUpperCase() : c)));
}

const MIXED = [
  `<script>${S}</script>`,
  `<img src=x onerror=${S}>`,
  `<svg onload=${S}>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `</style><script>${S}</script>`,
  `</textarea><script>${S}</script>`,
  `</title><script>${S}</script>`,
  `<body onload=${S}>`,
  `<details open ontoggle=${S}>`,
  `<a href="javascript:${S}">link</a>`,
].map(mixedCase);

export const PAYLOADS: string[] = [...new Set([...BASE, ...MIXED, `<IMG SRC=x ONERROR=${S}>`, `<SCRIPT>${S}</SCRIPT>`])];

/**
 * Payloads usable as file names: no '/' (and no '\\', which the app reads as a Windows path
 * separator when it makes the title), no control characters, a bounded length.
 */
export const FILE_NAME_PAYLOADS: string[] = PAYLOADS.filter((p) => !p.includes('/') && !p.includes('\\') && !p.includes('\0') && !p.includes('\n') && !p.includes('\t') && Buffer.byteLength(p) < 200);

/** Payloads with no white space: usable as annotation ids. */
export const ID_PAYLOADS: string[] = PAYLOADS.filter((p) => !/\s/.test(p));

/**
 * Payloads a label id may be (domain/labelIds.ts refuses markup, bidi controls and brat
 * separators on every way in; the others are label names here).
 */
export const LABEL_ID_PAYLOADS: string[] = PAYLOADS.filter((p) => labelIdProblem(p) === undefined);
