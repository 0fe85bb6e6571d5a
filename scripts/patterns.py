"""Patterns of the texts as received: the data the cleaner and the parser work from.

Each constant is a compiled regular expression with a comment showing what it matches
in the sources. Logic lives in clean.py, blocks.py and layouts.py.
"""
import re

from accord.numerals import CHINESE_NUMERAL

# --- Conversion debris, removed by clean.py ---------------------------------------------

# Word bookmarks left by the DOC conversion: "[bookmark: lt_pId024]1.1\t..."
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
# Markdown backslash escapes of the converter: "\* أعيد إصدارها" -> "* أعيد إصدارها"
BACKSLASH_ESCAPE = re.compile(r"\\([*_\[\]()#.\-`])")
# Dotted signature placeholders after a colon: "日期：……………………….…." -> "日期："
DOTTED_PLACEHOLDER = re.compile(r"(?<=[：:])[ .…]+$")
# Links with an empty target: "[CTOC/COP/WG.3/2024/3](#)" -> "CTOC/COP/WG.3/2024/3"
# (The text holds no "[" either: a line of "[[[..." is then read in linear time.)
EMPTY_LINK = re.compile(r"\[([^\[\]]+)\]\(#?\)")
# Bold operative verbs: "**回顾**其" -> emphasis (EMPHASIS tokens, "*回顾*其" in the Markdown)
BOLD = re.compile(r"\*\*(.+?)\*\*")
# The converter's italics, between words: "United Nations, *Treaty Series*, vol. 1996" ->
# emphasis. An asterisk inside a word or a formula stays a character: "2*3*4", "a * b".
ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]*[^\s*])\*(?![\w*])")
# Footnote reference as HTML superscript: "<sup>1</sup>", "<sup>(١)</sup>"; SUP_FORM is
# the same form as the extractors write it (scripts/extract.py, extract_pdf.py).
SUP_MARKER = re.compile(r"<sup>\(?([0-9٠-٩]+)\)?</sup>")
SUP_FORM = "<sup>{}</sup>"
# Compatibility characters a PDF's fonts map their glyphs to, read as the letters they
# are (NFKC, clean.as_letters): Arabic presentation forms, CJK radicals and compatibility
# ideographs; not the fullwidth punctuation of Chinese, which is the text's own.
COMPATIBILITY_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe\u2e80-\u2fdf\uf900-\ufaff]")
# Footnote reference as Unicode superscript digits: "讨论：¹", "²将这一议题"
UNICODE_SUP = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
# A page-footer rule: "________________"; what follows it to the end is the footer.
FOOTER_RULE = re.compile(r"^\s*_{5,}\s*$")
# A footer line that is only a web address, maybe between Symbol-font bullets:
# "\uf0b7 www.itu.int/plenipotentiary/ \uf0b7"
FOOTER_URL = re.compile(r"^[\s\uf000-\uf0ff]*(?:https?://)?www\.[^\s\uf000-\uf0ff]+[\s\uf000-\uf0ff]*$")
# Symbol-font bullets that Word maps to the private use area: "\uf0b7"
SYMBOL_FONT = re.compile(r"[\uf000-\uf0ff]")

# --- Lines and blocks, recognised by blocks.py and layouts.py ---------------------------

# Normalized footnote reference made by the cleaner: "[^1]"
FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")
# Footnote text at the start of a line, in its three received forms:
#   "[^1] 联合国，《条约汇编》"   (was "<sup>1</sup> ...")
#   "(١) United Nations, ..."    (Arabic-Indic number in parentheses)
#   "¹ 见 CTOC/COP/WG.3/2023/4"  (Unicode superscript)
FOOTNOTE_DEF = re.compile(r"^(?:\[\^(?P<a>\d+)\]|\((?P<b>[٠-٩]+)\)|(?P<c>[¹²³⁴⁵⁶⁷⁸⁹⁰]+))\s+(?P<text>\S.*)$")
# A note keyed by an asterisk (reissue notes): "* أعيد إصدارها لأسباب فنية في ..."
ASTERISK_NOTE = re.compile(r"^\*\s+(?P<text>\S.*)$")
# A Markdown heading of the converter: "## الجمعية العامة", "### 71/19. 联合国..."
# (closing hashes dropped). Linear: the possessive \s++ and a text that must end in a
# character other than space or "#" leave nothing to backtrack over; "(?P<text>.+?)\s*#*$"
# took 263 s on a heading line of 64,000 spaces.
MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s++(?P<text>.*[^\s#])[\s#]*$")
# An operative paragraph: "1. **呼吁**..." (zh), "١ - **تدعو**..." (ar), "1\t临时批准..." (ITU)
OPERATIVE = re.compile(r"^(?P<num>\d+|[٠-٩]+)(?:\.\s+|\s*-\s+|\t)(?P<text>\S.*)$")
# A Markdown bullet of the converter: "- 组织事项：", " - 会议开幕；" (indent = nesting)
MD_BULLET = re.compile(r"^(?P<indent>\s*)-\s+(?P<text>\S.*)$")
# A sub-item: "(a) ...", "- (b) ...", "  - (c) ...", "(أ) ...", "(هـ) ..."
SUB_ITEM = re.compile(r"^\s*(?:-\s+)?\((?P<letter>[a-z]|[أبجدهوزحطيكلمنسعفصقرشتثخذضظغ]ـ?)\)\s+(?P<text>\S.*)$")
# Sub-items run together inside one paragraph (Arabic draft, para. 1): "...: (أ) منع ...؛ (ب) منع ..."
INLINE_SUB_ITEM = re.compile(r"(?:(?<=:)|(?<=؛)|(?<=;))\s+(?=\((?:[a-z]|[أبجدهوزحطيكلمنسعفصقرشتثخذضظغ]ـ?)\)\s)")
# A decimal-numbered paragraph of a note: "1.1\t在理事会2016年会议期间..."
DECIMAL_PARA = re.compile(r"^(?P<sec>\d+)\.(?P<num>\d+)\t(?P<text>\S.*)$")
# A numbered section heading of a note: "1\t背景", "2\t第590号决定的落实情况"
SECTION_HEADING = re.compile(r"^(?P<num>\d+)\t(?P<text>[^。；，：]{1,30})$")
# An appendix heading: "附录1", "Appendix 1"
APPENDIX_HEADING = re.compile(r"^(?:附录|Appendix\s*|Appendice\s*|Apéndice\s*|Приложение\s*|التذييل\s*)(?P<num>\d+)$")
# An annex heading: "附件", "Annex", "المرفق"
ANNEX_HEADING = re.compile(r"^(?:附件|Annex|Annexe|Anexo|Приложение|المرفق)$")
# An agreement article heading: "第一条", "Article 1", "المادة ١"
ARTICLE_HEADING = re.compile(r"^(?:第(?P<zh>" + CHINESE_NUMERAL + r")条|Article\s+(?P<en>\d+)|Artículo\s+(?P<es>\d+)|Статья\s+(?P<ru>\d+)|المادة\s+(?P<ar>[٠-٩\d]+))$")
# A numbered article paragraph: "1)\t国际刑警组织和国际电联承诺..."
ARTICLE_PARA = re.compile(r"^(?P<num>\d+)\)\s+(?P<text>\S.*)$")
# A resolution's opening formula: "大会，", "إن الجمعية العامة،", "理事会，", "The General Assembly,"
FORMULA = re.compile(r"^(?:大会|理事会|إن الجمعية العامة|The General Assembly|The Council|L'Assemblée générale|La Asamblea General|Генеральная Ассамблея)[，،,]$")
# An operative formula standing alone on its line: "做出决定", "decides"
OPERATIVE_FORMULA = re.compile(r"^(?:做出决定|决定|decides|Decides)$")
# The first line of the UN masthead block, as each language version prints it:
# "Distr.: Limited", "Distr. general" (es), "Distr. : Générale" (fr), "Distr.: Общая" (ru)
DISTRIBUTION_LINE = re.compile(r"^Distr\.\s?:?\s?\w")
# Text that ends a sentence or a clause: a paragraph ending otherwise runs on
# across a page break. "،" and "؛" are Arabic; "。，；：" Chinese.
CLAUSE_END = re.compile(r"[.,;:!?。，；：！？،؛)）」”\]]$")
# A bare web address without a scheme: "www.unodc.org/unodc/en/...html"
# that ends where a word ends ("www.A一" is not an address: the text stays whole).
BARE_URL = re.compile(r"(?<![/\w.])www\.[A-Za-z0-9.\-]+(?:/[A-Za-z0-9._~%/\-?=&#+]*)?(?!\w)")
# A heading-like line of a note: short, no clause punctuation: "摘要", "需采取的行动"
NOTE_HEADING = re.compile(r"^[^。，；：、（(]{1,12}$")

# A declared correction carried through the pipeline as one token (private-use
# delimiters that no source contains): "\ue000received\ue002corrected\ue002reason\ue001"
# (No part holds a delimiter, so that a scan never runs past the next token: linear.)
CORRECTION = re.compile("\ue000([^\ue000-\ue002]*)\ue002([^\ue000-\ue002]*)\ue002([^\ue000\ue001]*)\ue001")

# Emphasis that the cleaner and the layouts mark (bold operative verbs, formulas), carried
# as private-use tokens like CORRECTION, so that an asterisk of the text stays a
# character: "\ue003回顾\ue004其" is written "*回顾*其" in the Markdown.
EMPHASIS_OPEN, EMPHASIS_CLOSE = "\ue003", "\ue004"
# The private-use characters the pipeline uses as tokens: a source text may not hold them.
TOKEN_CHARACTERS = re.compile("[\ue000-\ue00f]")

# Chinese numerals of article headings.
# Arabic sub-item letters in the UN order, mapped to the Latin letters used in ids.
ARABIC_LETTERS = dict(zip(
    ["أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض"],
    "abcdefghijklmnopqrstuvwxyz",
))
ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
